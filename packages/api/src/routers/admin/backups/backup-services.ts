import { TRPCError } from '@trpc/server';
import { isArchiveError } from '@eventora/tenancy/archive';
import { latestRestore, type RestoreRecord } from '@eventora/tenancy/backups';

import { AppError } from '../../../errors/app-error';
import type { ApiServices, ConsoleBackups } from '../../../services';

type Configured = Extract<ConsoleBackups, { configured: true }>;

/** What the console needs for backups (its environment's names). */
export const ALL_SETTINGS = ['DATABASE_OWNER_URL', 'ARCHIVE_SIGNING_KEY', 'BACKUP_STORE'];

/** The console's backup setup, or a plain refusal naming what is not configured. */
export function configuredBackups(services: ApiServices): Configured {
  const backups = services.backups;
  if (!backups?.configured) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: `This console cannot restore backups: set ${(backups?.missing ?? ALL_SETTINGS).join(', ')}.`,
    });
  }
  return backups;
}

/** The archive library's refusals as the API's typed errors (its messages are for operators). */
export function asAppError(error: unknown): unknown {
  if (!isArchiveError(error)) return error;
  switch (error.code) {
    case 'BACKUP_NOT_FOUND':
    case 'CLINIC_NOT_FOUND':
      return new AppError('NOT_FOUND', error.message);
    case 'SLUG_TAKEN':
      return new AppError('CONFLICT', error.message, [{ field: 'slug', message: error.message }]);
    case 'NOT_CONFIRMED':
      return new AppError('UNPROCESSABLE', error.message, [
        { field: 'confirm', message: error.message },
      ]);
    case 'WRONG_STATE':
      return new AppError('CONFLICT', error.message);
    default:
      // A changed or unreadable backup, a newer migration: the operator reads why.
      return new AppError('UNPROCESSABLE', error.message);
  }
}

/** A console restore as the panel follows it (recorded in `clinic_restores`). */
export type RestoreRun = RestoreRecord;

/**
 * The clinic's newest restore from its record, so the panel shows it across reloads and console
 * restarts. A restore writes in one transaction: if the process dies, nothing of it is kept (the
 * old rows stay; a half-made copy is discarded or stays suspended) and its record, without a
 * heartbeat, is reported failed (interrupted) rather than forgotten.
 */
export function restoreRunOf(backups: Configured, clinicId: string, now: Date) {
  return latestRestore(backups.ownerUrl, clinicId, now);
}

/** A run as the console sees it. */
export function viewOf(run: RestoreRun) {
  return {
    id: run.id,
    backupId: run.backupId,
    kind: run.kind,
    state: run.state,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    tables: { ...run.tables },
    rows: run.rows,
    copy: run.copy,
    safetyBackupId: run.safetyBackupId,
    error: run.error,
  };
}
