import { listBackups } from '@eventora/tenancy/backups';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { ALL_SETTINGS, restoreRunOf, viewOf } from './backup-services';
import { ZAdminBackupsListInput } from '../../../schemas/admin';
import { ZBackupsView } from './schemas';

/**
 * A clinic's backups, newest first (time, size, rows, verified), and the restore this console
 * runs or ran last for it. Without an owner URL, signing key and store: what is missing.
 */
export const list = platformProcedure
  .input(ZAdminBackupsListInput)
  .output(ZBackupsView)
  .query(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const backups = ctx.services.backups;
    if (!backups?.configured) {
      return {
        configured: false as const,
        missing: backups?.missing ?? ALL_SETTINGS,
      };
    }
    const listed = await listBackups(clinic.slug, { ownerUrl: backups.ownerUrl });
    const run = await restoreRunOf(backups, clinic.id, ctx.services.now());
    return {
      configured: true as const,
      store: backups.store.location,
      retentionDays: listed.clinic.retentionDays,
      backups: listed.backups.map((backup) => ({
        id: backup.id,
        createdAt: backup.createdAt,
        bytes: backup.bytes,
        rows: backup.rows,
        tables: backup.tables,
        migration: backup.migration,
        verifiedAt: backup.verifiedAt,
      })),
      restore: run && viewOf(run),
    };
  });
