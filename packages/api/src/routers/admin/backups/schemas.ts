import { z } from 'zod';

import { ZReason, ZSlug } from '../clinic/schemas';

export const ZBackupsInput = z.object({ clinicId: z.uuid() });

export const ZRestoreBackupInput = z.object({
  clinicId: z.uuid(),
  backupId: z.uuid(),
  reason: ZReason,
  target: z.discriminatedUnion('kind', [
    /** A new clinic with this slug, closed (suspended) until an operator opens it. */
    z.object({ kind: z.literal('copy'), slug: ZSlug }),
    /** This clinic's rows replaced; `confirm` repeats its slug. */
    z.object({ kind: z.literal('replace'), confirm: z.string().trim().max(63) }),
  ]),
});

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
