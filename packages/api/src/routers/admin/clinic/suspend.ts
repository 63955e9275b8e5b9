import { recordOperatorAction } from '../../../audit/record-operator-action';
import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { registryRow, registrySelect, toDetail, ZClinicDetail } from './registry';
import { ZAdminClinicSuspendInput } from '../../../schemas/admin';

export const suspend = platformProcedure
  .input(ZAdminClinicSuspendInput)
  .output(ZClinicDetail)
  .mutation(async ({ ctx, input }) => {
    const current = await registryRow(ctx.services, input.id);
    if (current.status === 'suspended')
      throw new AppError('CONFLICT', 'The clinic is already suspended.');
    // Its owners will see why it closed.
    const { result: row } = await recordOperatorAction(
      ctx,
      current,
      {
        action: 'platform.clinic_suspended',
        platformAction: 'clinic.suspend',
        reason: input.reason,
      },
      (tx) =>
        tx.clinic.update({
          where: { id: input.id },
          data: { status: 'suspended' },
          select: registrySelect,
        }),
    );
    return toDetail(ctx.services, row!);
  });
