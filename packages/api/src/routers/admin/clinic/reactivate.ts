import { recordInClinicAudit } from '../../../audit/record-in-clinic-audit';
import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { onboardingField, registryRow, registrySelect, toDetail, ZClinicDetail } from './registry';
import { ZClinicLifecycleInput } from './schemas';

export const reactivate = platformProcedure
  .input(ZClinicLifecycleInput)
  .output(ZClinicDetail)
  .mutation(async ({ ctx, input }) => {
    const current = await registryRow(ctx.services, input.id);
    if (current.status !== 'suspended' || onboardingField(current, 'state') === 'failed') {
      throw new AppError('CONFLICT', 'Only a suspended clinic in service can be reactivated.');
    }
    const row = await ctx.services.platform.clinic.update({
      where: { id: input.id },
      data: { status: 'active' },
      select: registrySelect,
    });
    await recordInClinicAudit(ctx.services, input.id, {
      operatorId: ctx.operator.id,
      action: 'platform.clinic_reactivated',
      reason: input.reason,
      ip: ctx.request.ip,
    });
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.reactivate',
      clinicId: input.id,
      reason: input.reason,
    });
    return toDetail(ctx.services, row);
  });
