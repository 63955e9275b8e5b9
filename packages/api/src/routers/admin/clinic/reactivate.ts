import { recordOperatorAction } from '../../../audit/record-operator-action';
import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { onboardingField, registryRow, registrySelect, toDetail, ZClinicDetail } from './registry';
import { ZAdminClinicReactivateInput } from '../../../schemas/admin';

export const reactivate = platformProcedure
  .input(ZAdminClinicReactivateInput)
  .output(ZClinicDetail)
  .mutation(async ({ ctx, input }) => {
    const current = await registryRow(ctx.services, input.id);
    if (current.status !== 'suspended' || onboardingField(current, 'state') === 'failed') {
      throw new AppError('CONFLICT', 'Only a suspended clinic in service can be reactivated.');
    }
    const { result: row } = await recordOperatorAction(
      ctx,
      current,
      {
        action: 'platform.clinic_reactivated',
        platformAction: 'clinic.reactivate',
        reason: input.reason,
      },
      (tx) =>
        tx.clinic.update({
          where: { id: input.id },
          data: { status: 'active' },
          select: registrySelect,
        }),
    );
    return toDetail(ctx.services, row!);
  });
