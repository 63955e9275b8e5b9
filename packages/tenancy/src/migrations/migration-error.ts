/** Why a migration run stopped. */
export type MigrationErrorCode =
  /** A migration folder is malformed (no migration.sql). */
  | 'INVALID_MIGRATION'
  /** An applied migration's file has changed since it was applied. */
  | 'CHECKSUM_MISMATCH'
  /** The ledger holds a migration Prisma started and never finished (a failed `migrate deploy`). */
  | 'UNFINISHED'
  /** A migration's SQL failed; it was rolled back with its ledger row. */
  | 'FAILED'
  /** The target could not be reached or prepared (connection, lock, schema, ledger). */
  | 'TARGET_UNAVAILABLE';

/** A migration run's failure, naming the target and, where there is one, the migration. */
export class MigrationError extends Error {
  override name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly target?: string,
    readonly migration?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
