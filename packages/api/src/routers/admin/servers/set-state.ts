import { z } from 'zod';
import { writePlatformAudit } from '@eventora/tenancy';

import { AppError, notFound } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { ZAdminServersSetStateInput, ZServerState } from '../../../schemas/admin';

/** The platform audit log's action for each state a server is put in. */
const ACTIONS = {
  open: 'database_server.open',
  draining: 'database_server.drain',
  closed: 'database_server.close',
} as const;

/**
 * Opens, drains or closes a database server, with the operator's reason in the platform audit
 * log (same transaction). Draining keeps its clinics and takes no new one; a server that still
 * holds clinics cannot be closed (move them first). An unknown server answers NOT_FOUND;
 * a server already in that state answers CONFLICT; neither changes or records anything.
 */
export const setState = platformProcedure
  .input(ZAdminServersSetStateInput)
  .output(z.object({ name: z.string(), state: ZServerState }))
  .mutation(async ({ ctx, input }) =>
    ctx.services.platform.$transaction(async (tx) => {
      const [server] = await tx.$queryRaw<{ state: string; clinics: number }[]>`
        SELECT state::text AS state,
               (SELECT count(*)::int FROM clinics WHERE database_server = s.name) AS clinics
          FROM database_servers s WHERE name = ${input.name} FOR UPDATE`;
      if (!server) throw notFound('Database server');
      if (server.state === input.state)
        throw new AppError('CONFLICT', `The server is already ${input.state}.`);
      if (input.state === 'closed' && server.clinics > 0) {
        throw new AppError(
          'CONFLICT',
          `The server still holds ${server.clinics} clinic${server.clinics === 1 ? '' : 's'}: drain it and move them first.`,
        );
      }
      const updated = await tx.databaseServer.update({
        where: { name: input.name },
        data: { state: input.state },
        select: { name: true, state: true },
      });
      await writePlatformAudit(tx, {
        operatorId: ctx.operator.id,
        action: ACTIONS[input.state],
        reason: input.reason,
        ip: ctx.request.ip ?? null,
        metadata: { server: input.name, from: server.state, to: input.state },
      });
      return updated;
    }),
  );
