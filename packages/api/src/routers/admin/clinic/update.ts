import { recordOperatorAction } from '../../../audit/record-operator-action';
import { platformProcedure } from '../../../trpc';
import { registryRow, registrySelect, toDetail, ZClinicDetail } from './registry';
import { ZAdminClinicUpdateInput } from '../../../schemas/admin';

export const update = platformProcedure
  .input(ZAdminClinicUpdateInput)
  .output(ZClinicDetail)
  .mutation(async ({ ctx, input }) => {
    const { id, ...changes } = input;
    const current = await registryRow(ctx.services, id);
    const { result: row } = await recordOperatorAction(
      ctx,
      current,
      {
        action: 'platform.clinic_updated',
        platformAction: 'clinic.update',
        metadata: { fields: Object.keys(changes) },
      },
      (tx) => tx.clinic.update({ where: { id }, data: changes, select: registrySelect }),
    );
    return toDetail(ctx.services, row!);
  });
