import { recordInClinicAudit } from '../../../audit/record-in-clinic-audit';
import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { registryRow, registrySelect, toDetail, ZClinicDetail } from './registry';
import { ZClinicLifecycleInput } from './schemas';

export const suspend = platformProcedure
  .input(ZClinicLifecycleInput)
  .output(ZClinicDetail)
  .mutation(async ({ ctx, input }) => {
    const current = await registryRow(ctx.services, input.id);
    if (current.status === 'suspended')
      throw new AppError('CONFLICT', 'The clinic is already suspended.');
    // Written while the clinic is still open: its owners will see why it closed.
    await recordInClinicAudit(ctx.services, input.id, {
      operatorId: ctx.operator.id,
      action: 'platform.clinic_suspended',
      reason: input.reason,
      ip: ctx.request.ip,
    });
    const row = await ctx.services.platform.clinic.update({
      where: { id: input.id },
      data: { status: 'suspended' },
      select: registrySelect,
    });
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.suspend',
      clinicId: input.id,
      reason: input.reason,
    });
    return toDetail(ctx.services, row);
  });
