import type { TenantClient, TenantTransaction } from '@eventora/tenancy';

import { isTherapistOverlap } from '../../booking/therapist-overlap';
import { AppError } from '../../errors/app-error';

/**
 * Runs one booking change in one transaction. The database's exclusion constraint decides
 * double bookings; its violation aborts the transaction (nothing of it stays) and becomes a
 * CONFLICT with a message for people, without the constraint's name.
 *
 * Write the audit entry last: it takes the clinic's audit lock until commit, and nothing
 * should wait on a row lock while holding it.
 */
export async function bookingTransaction<T>(
  db: TenantClient,
  work: (tx: TenantTransaction) => Promise<T>,
): Promise<T> {
  try {
    // Bursts at one slot queue for connections; give them time to get one and be refused.
    return await db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  } catch (error) {
    if (isTherapistOverlap(error)) {
      throw new AppError('CONFLICT', 'That time is already booked with this therapist.', [
        { field: 'startsAt', message: 'Already booked: pick another time.' },
      ]);
    }
    throw error;
  }
}
