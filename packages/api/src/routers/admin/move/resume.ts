import { resumeMove } from '@eventora/tenancy/moves';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { moveOptions, runInBackground } from './move-services';
import { toMoveView } from './move-view';
import { ZMoveView } from './schemas';
import { ZAdminMoveResumeInput } from '../../../schemas/admin';

/** Finishes an interrupted or failed move from the step it stopped at, in the background. */
export const resume = platformProcedure
  .input(ZAdminMoveResumeInput)
  .output(ZMoveView)
  .mutation(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const options = await moveOptions(ctx.services);
    const move = await runInBackground(ctx.services, clinic.id, options, (run) =>
      resumeMove(clinic.slug, run),
    );
    return toMoveView(move);
  });
