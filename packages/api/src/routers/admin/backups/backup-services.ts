import { TRPCError } from '@trpc/server';
import { isArchiveError } from '@eventora/tenancy/archive';

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

/** A restore this console process runs, as the panel follows it. */
export interface RestoreRun {
  id: string;
  clinicId: string;
  backupId: string;
  kind: 'copy' | 'replace';
  operatorId: string;
  startedAt: Date;
  state: 'running' | 'done' | 'failed';
  /** Tables written so far, of how many (the archive's). */
  tables: { done: number; of: number };
  rows: number;
  finishedAt: Date | null;
  /** The copy made (kind copy), or the backup of the replaced rows (kind replace). */
  copy: { id: string; slug: string } | null;
  safetyBackupId: string | null;
  error: string | null;
}

/**
 * The restores run by this process, newest per clinic. A restore writes in one transaction: if
 * the process dies, nothing of it is kept (the old rows stay; a half-made copy is discarded by
 * restoreClinic or stays suspended), and the platform log has no `clinic.restored_*` entry.
 */
const runs = new Map<string, RestoreRun>();

export function restoreRunOf(clinicId: string): RestoreRun | null {
  return runs.get(clinicId) ?? null;
}

export function recordRun(run: RestoreRun): void {
  runs.set(run.clinicId, run);
}

/** A run as the console sees it (a copy, so later progress does not change an answer). */
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
