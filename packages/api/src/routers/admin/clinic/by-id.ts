import { platformProcedure } from '../../../trpc';
import { registryRow, toDetail, ZClinicDetail } from './registry';
import { ZAdminClinicByIdInput } from '../../../schemas/admin';

export const byId = platformProcedure
  .input(ZAdminClinicByIdInput)
  .output(ZClinicDetail)
  .query(async ({ ctx, input }) =>
    toDetail(ctx.services, await registryRow(ctx.services, input.id)),
  );
