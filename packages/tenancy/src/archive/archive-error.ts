/** Why an archive was refused, or a restore or purge stopped. */
export type ArchiveErrorCode =
  /** No signing key, or one too short to be a secret. */
  | 'KEY_MISSING'
  /** Not an Eventora clinic archive (no manifest, unknown format). */
  | 'NOT_AN_ARCHIVE'
  /** The manifest's signature does not match: it was edited, or signed with another key. */
  | 'BAD_SIGNATURE'
  /** A table file's bytes differ from the SHA-256 its manifest signed. */
  | 'FILE_CHANGED'
  /** A file the manifest lists is absent, or the archive holds one it does not list. */
  | 'FILE_MISSING'
  | 'FILE_UNEXPECTED'
  /** A table file holds another number of rows than the manifest says. */
  | 'ROW_COUNT'
  /** The archive was written by a newer schema than this code knows. */
  | 'MIGRATION_NEWER'
  /** The restored rows do not fingerprint like the exported ones. */
  | 'VERIFY_FAILED'
  /** The clinic is unknown, or the slug for a copy is taken. */
  | 'CLINIC_NOT_FOUND'
  | 'SLUG_TAKEN'
  /** A replace was given another clinic's archive. */
  | 'WRONG_CLINIC'
  /** A destructive step was asked for without its confirmation. */
  | 'NOT_CONFIRMED'
  /** The clinic is not in the state this step needs (e.g. purge before the grace period ends). */
  | 'WRONG_STATE'
  /** No backup has that id, or its object is gone from the store. */
  | 'BACKUP_NOT_FOUND'
  /** A stored backup's bytes differ from the SHA-256 recorded when it was taken. */
  | 'BACKUP_CHANGED'
  /** No backup store is configured (BACKUP_STORE). */
  | 'STORE_MISSING';

/** The one error type of archives, restores and offboarding; the message says what to do. */
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';

  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True for an ArchiveError (also one from another copy of this module). */
export function isArchiveError(error: unknown): error is ArchiveError {
  return (
    error instanceof ArchiveError ||
    (error instanceof Error &&
      error.name === 'ArchiveError' &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}
