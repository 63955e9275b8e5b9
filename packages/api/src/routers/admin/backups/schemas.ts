import { z } from 'zod';

const ZBackup = z.object({
  id: z.uuid(),
  createdAt: z.date(),
  bytes: z.number(),
  rows: z.number(),
  tables: z.number(),
  migration: z.string(),
  verifiedAt: z.date().nullable(),
});

export const ZRestoreRun = z.object({
  id: z.uuid(),
  backupId: z.uuid(),
  kind: z.enum(['copy', 'replace']),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  tables: z.object({ done: z.number(), of: z.number() }),
  rows: z.number(),
  copy: z.object({ id: z.uuid(), slug: z.string() }).nullable(),
  safetyBackupId: z.uuid().nullable(),
  error: z.string().nullable(),
});

export const ZBackupsView = z.discriminatedUnion('configured', [
  z.object({ configured: z.literal(false), missing: z.array(z.string()) }),
  z.object({
    configured: z.literal(true),
    /** Where the backups are (a directory or s3://bucket/prefix). */
    store: z.string(),
    retentionDays: z.number(),
    backups: z.array(ZBackup),
    restore: ZRestoreRun.nullable(),
  }),
]);
