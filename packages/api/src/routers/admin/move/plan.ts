import { planMove } from '@eventora/tenancy/moves';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { asAppError, locationView, moveOptions } from './move-services';
import { ZMovePlan } from './schemas';
import { ZAdminMovePlanInput } from '../../../schemas/admin';

/** What a move would do (rows and bytes per table, estimated time and freeze). Changes nothing. */
export const plan = platformProcedure
  .input(ZAdminMovePlanInput)
  .output(ZMovePlan)
  .query(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const options = await moveOptions(ctx.services);
    const planned = await planMove(
      {
        slug: clinic.slug,
        to: input.to,
        databaseUrlRef: input.databaseUrlRef,
        server: input.server,
      },
      options,
    ).catch((error: unknown) => {
      throw asAppError(error);
    });
    return {
      ...planned,
      from: locationView(planned.from),
      to: locationView(planned.to),
    };
  });
