/** Why the move engine refused or stopped. */
export type MoveErrorCode =
  /** The clinic is unknown. */
  | 'CLINIC_NOT_FOUND'
  /** A suspended clinic is not moved (nobody could smoke-test it; its owners may be leaving). */
  | 'CLINIC_SUSPENDED'
  /** Another move of the clinic is in flight (or another process is running this one). */
  | 'MOVE_IN_PROGRESS'
  /** The clinic already lives there. */
  | 'ALREADY_THERE'
  /** No move to resume, roll back or clean up. */
  | 'NO_MOVE'
  /** Source and target disagree on the migrations applied. */
  | 'MIGRATION_MISMATCH'
  /** Verification found a difference; the move stopped and the clinic was unfrozen. */
  | 'VERIFY_MISMATCH'
  /** The smoke test on the new route failed; the clinic stays frozen. */
  | 'SMOKE_FAILED'
  /** A rollback that cannot be safe (window over, source cleaned up). */
  | 'ROLLBACK_REFUSED'
  /** A clean-up that cannot be safe (window still open, source written to). */
  | 'CLEANUP_REFUSED'
  /** The target database server is unknown, not open, full, or its secrets are missing. */
  | 'SERVER_REFUSED';

/** The one error type the move engine throws on purpose. */
export class MoveError extends Error {
  override readonly name = 'MoveError';

  constructor(
    readonly code: MoveErrorCode,
    message: string,
  ) {
    super(message);
  }
}
