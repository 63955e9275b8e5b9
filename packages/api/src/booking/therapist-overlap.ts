/**
 * True for the database refusing a reservation that overlaps another active one of the same
 * therapist (exclusion constraint `reservations_no_therapist_overlap`, SQLSTATE 23P01).
 *
 * Prisma 7's driver adapter has no error kind for exclusion violations: the model call throws
 * a PrismaClientKnownRequestError with code P2039 ("Database error") and the Postgres error in
 * `meta.driverAdapterError.cause` (`originalCode: '23P01'`, the constraint name in its
 * message). Raw queries report the same cause under code P2010.
 */
export function isTherapistOverlap(error: unknown): boolean {
  const cause = (
    error as { meta?: { driverAdapterError?: { cause?: Record<string, unknown> } } } | null
  )?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === '23P01' || cause?.code === '23P01';
}
