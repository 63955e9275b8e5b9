import { rollbackMove } from '@eventora/tenancy/moves';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { actorOf, moveOptions, runInBackground } from './move-services';
import { toMoveView } from './move-view';
import { ZMoveView } from './schemas';
import { ZAdminMoveRollbackInput } from '../../../schemas/admin';

/**
 * Rolls the clinic's latest move back: before the flip the target is discarded; after it,
 * within the rollback window, the clinic moves back (in the background) with every write made
 * since. The engine refuses, with the reason, what cannot be safe.
 */
export const rollback = platformProcedure
  .input(ZAdminMoveRollbackInput)
  .output(ZMoveView)
  .mutation(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const options = await moveOptions(ctx.services);
    const move = await runInBackground(ctx.services, clinic.id, options, (run) =>
      rollbackMove(
        clinic.slug,
        { actor: actorOf(ctx.operator), reason: input.reason, operatorId: ctx.operator.id },
        run,
      ),
    );
    return toMoveView(move);
  });
