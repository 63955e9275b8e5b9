import { z } from 'zod';
import { ZMode } from '../../../schemas/admin';

const ZLocation = z.object({
  mode: ZMode,
  schema: z.string().nullable(),
  databaseUrlRef: z.string().nullable(),
  /** The registered database server (mode `database`), if one is recorded. */
  databaseServer: z.string().nullable().default(null),
  label: z.string(),
});

export const ZMovePlan = z.object({
  from: ZLocation,
  to: ZLocation,
  tables: z.array(z.object({ table: z.string(), rows: z.number(), bytes: z.number() })),
  totalRows: z.number(),
  totalBytes: z.number(),
  estimatedSeconds: z.number(),
  estimatedFreezeSeconds: z.number(),
});

export const ZMoveView = z.object({
  id: z.uuid(),
  from: ZLocation,
  to: ZLocation,
  step: z.string(),
  state: z.enum(['running', 'failed', 'done', 'rolled_back']),
  /** Steps in order, to draw the progress line. */
  steps: z.array(z.string()),
  tables: z.array(
    z.object({ table: z.string(), rows: z.number(), planned: z.number(), copied: z.boolean() }),
  ),
  actor: z.string(),
  reason: z.string(),
  error: z.string().nullable(),
  rollbackOf: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  frozenAt: z.date().nullable(),
  unfrozenAt: z.date().nullable(),
  flippedAt: z.date().nullable(),
  retainUntil: z.date().nullable(),
  cleanedAt: z.date().nullable(),
  freezeMs: z.number().nullable(),
  verifyMs: z.number().nullable(),
});

export const ZMoveStatus = z.object({
  /** A process is driving a move of this clinic right now. */
  live: z.boolean(),
  /** The move in flight (running or failed), if any. */
  current: ZMoveView.nullable(),
  /** Can be rolled back now (before the flip, or within the window after it). */
  rollback: z.object({ possible: z.boolean(), why: z.string().nullable() }),
  history: z.array(ZMoveView),
});
