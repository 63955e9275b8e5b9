import type { TRPCRouterRecord } from '@trpc/server';

import { plan } from './plan';
import { resume } from './resume';
import { rollback } from './rollback';
import { start } from './start';
import { status } from './status';

/**
 * Moving a clinic between the shared schema, its own schema and its own database
 * (docs/migration_playbook.md): the plan, the move (run in the console's process, resumable
 * from its persisted record), its live status and history, and rollback.
 */
export const adminMoveRouter = {
  plan,
  start,
  status,
  resume,
  rollback,
} satisfies TRPCRouterRecord;
