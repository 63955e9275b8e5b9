import { z } from 'zod';

import { platformProcedure } from '../../../trpc';
import { listServerViews, ZServerView } from './server-view';
import { ZAdminServersListInput } from '../../../schemas/admin';

/**
 * The registered database servers: name, region, state, capacity, the clinics placed on each
 * and their live connections (pg_stat_activity on that server). No URL or secret is returned.
 */
export const list = platformProcedure
  .input(ZAdminServersListInput)
  .output(z.object({ servers: z.array(ZServerView) }))
  .query(async ({ ctx }) => ({ servers: await listServerViews(ctx.services) }));
