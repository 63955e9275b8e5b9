import { randomUUID } from 'node:crypto';
import {
  insertRestore,
  listBackups,
  RESTORE_HEARTBEAT_TIMEOUT_MS,
  restoreBackup,
  updateRestore,
} from '@eventora/tenancy/backups';

import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import {
  asAppError,
  configuredBackups,
  restoreRunOf,
  viewOf,
  type RestoreRun,
} from './backup-services';
import { ZAdminBackupsRestoreInput } from '../../../schemas/admin';
import { ZRestoreRun } from './schemas';

/**
 * Restores one of the clinic's backups: as a new clinic (a closed copy with a new slug) or in
 * place of its rows (after the typed slug; the replaced rows are exported first and kept as a
 * backup of their own). Checked before anything starts: the backup is this clinic's, the slug is
 * free, the confirmation matches. The restore then runs in this process in the background (poll
 * `list`); restoreClinic writes the platform log's entry with the operator and the reason, and
 * the clinic's own audit log records the restore.
 */
export const restore = platformProcedure
  .input(ZAdminBackupsRestoreInput)
  .output(ZRestoreRun)
  .mutation(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const backups = configuredBackups(ctx.services);
    const { backups: stored } = await listBackups(clinic.slug, { ownerUrl: backups.ownerUrl });
    // Another clinic's backup id answers like one that does not exist.
    const backup = stored.find((entry) => entry.id === input.backupId);
    if (!backup) throw new AppError('NOT_FOUND', 'Backup not found.');
    const { target } = input;
    if (target.kind === 'replace' && target.confirm !== clinic.slug) {
      throw new AppError('UNPROCESSABLE', `Type ${clinic.slug} to replace this clinic’s data.`, [
        { field: 'confirm', message: `Type ${clinic.slug} to confirm.` },
      ]);
    }
    if (target.kind === 'copy') {
      const taken = await ctx.services.platform.clinic.findUnique({
        where: { slug: target.slug },
        select: { id: true },
      });
      if (taken) {
        throw new AppError('CONFLICT', `The address ${target.slug} is taken.`, [
          { field: 'slug', message: 'Taken: choose another address.' },
        ]);
      }
    }
    if ((await restoreRunOf(backups, clinic.id, ctx.services.now()))?.state === 'running') {
      throw new AppError('CONFLICT', 'A restore of this clinic is running; wait for it to end.');
    }

    const run: RestoreRun = {
      id: randomUUID(),
      clinicId: clinic.id,
      backupId: backup.id,
      kind: target.kind,
      operatorId: ctx.operator.id,
      startedAt: ctx.services.now(),
      state: 'running',
      tables: { done: 0, of: backup.tables },
      rows: 0,
      finishedAt: null,
      copy: null,
      safetyBackupId: null,
      error: null,
      heartbeatAt: ctx.services.now(),
    };
    await insertRestore(backups.ownerUrl, run);
    // Progress and a heartbeat go to the record one at a time (a dead process stops beating).
    let saving = Promise.resolve();
    const save = () => {
      const snapshot = { ...run, tables: { ...run.tables } };
      saving = saving
        .then(() => updateRestore(backups.ownerUrl, snapshot, ctx.services.now()))
        .catch((error: unknown) =>
          ctx.services.logger?.warn(
            { clinicId: clinic.id, err: error },
            'restore progress not saved',
          ),
        );
      return saving;
    };
    const heartbeat = setInterval(() => void save(), RESTORE_HEARTBEAT_TIMEOUT_MS / 4);
    heartbeat.unref?.();
    const migrations = await backups.migrations();
    void restoreBackup(
      backup.id,
      target.kind === 'copy'
        ? { as: target.slug }
        : { replace: clinic.slug, confirm: target.confirm },
      {
        ownerUrl: backups.ownerUrl,
        signingKey: backups.signingKey,
        store: backups.store,
        secrets: backups.secrets,
        migrations,
        actor: { operatorId: ctx.operator.id, reason: input.reason },
        onTable: (progress) => {
          run.tables = { done: progress.done, of: progress.of };
          run.rows += progress.rows;
          void save();
        },
      },
    )
      .then(
        (summary) => {
          run.state = 'done';
          run.finishedAt = ctx.services.now();
          run.rows = summary.rows;
          if (target.kind === 'copy')
            run.copy = { id: summary.clinic.id, slug: summary.clinic.slug };
          run.safetyBackupId = summary.safetyBackup?.id ?? null;
        },
        (error: unknown) => {
          run.state = 'failed';
          run.finishedAt = ctx.services.now();
          const known = asAppError(error);
          run.error =
            known instanceof AppError
              ? known.message
              : 'The restore failed; see the console’s log.';
          ctx.services.logger?.error({ clinicId: clinic.id, err: error }, 'backup restore failed');
        },
      )
      .finally(() => {
        clearInterval(heartbeat);
        return save();
      });
    return viewOf(run);
  });
