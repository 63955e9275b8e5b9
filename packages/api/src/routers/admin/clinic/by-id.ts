import { platformProcedure } from '../../../trpc';
import { registryRow, toDetail, ZClinicDetail } from './registry';
import { ZClinicByIdInput } from './schemas';

export const byId = platformProcedure
  .input(ZClinicByIdInput)
  .output(ZClinicDetail)
  .query(async ({ ctx, input }) =>
    toDetail(ctx.services, await registryRow(ctx.services, input.id)),
  );
