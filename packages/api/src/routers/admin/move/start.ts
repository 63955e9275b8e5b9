import { startMove } from '@eventora/tenancy/moves';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { actorOf, moveOptions, runInBackground } from './move-services';
import { toMoveView } from './move-view';
import { ZMoveView } from './schemas';
import { ZAdminMoveStartInput } from '../../../schemas/admin';

/**
 * Starts moving the clinic. Answers once the move is recorded (and written to the clinic's audit
 * log and the platform log by the engine); the copy goes on in the background — poll `status`.
 */
export const start = platformProcedure
  .input(ZAdminMoveStartInput)
  .output(ZMoveView)
  .mutation(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const options = await moveOptions(ctx.services);
    const move = await runInBackground(ctx.services, clinic.id, options, (run) =>
      startMove(
        {
          slug: clinic.slug,
          to: input.to,
          databaseUrlRef: input.databaseUrlRef,
          server: input.server,
          actor: actorOf(ctx.operator),
          reason: input.reason,
          operatorId: ctx.operator.id,
        },
        run,
      ),
    );
    return toMoveView(move);
  });
