import { AppError, notFound } from '../../../errors/app-error';
import { recordInClinicAudit } from '../../../audit/record-in-clinic-audit';
import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { platformProcedure } from '../../../trpc';
import { grantSelect } from './grant';
import { describeGrants, ZGrant } from './grant-view';
import { ZAccessOpenInput } from './schemas';

export const open = platformProcedure
  .input(ZAccessOpenInput)
  .output(ZGrant)
  .mutation(async ({ ctx, input }) => {
    const clinic = await ctx.services.platform.clinic.findUnique({
      where: { id: input.clinicId },
      select: { id: true, status: true },
    });
    if (!clinic) throw notFound('Clinic');
    if (clinic.status === 'suspended') {
      throw new AppError('CONFLICT', 'This clinic is suspended: its data cannot be opened.');
    }
    const now = ctx.services.now();
    const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
    const grant = await ctx.services.platform.platformAccessGrant.create({
      data: {
        operatorId: ctx.operator.id,
        targetClinicId: clinic.id,
        reason: input.reason,
        createdAt: now,
        expiresAt,
      },
      select: grantSelect,
    });
    // The clinic's owners see the access open, with its reason, even if nothing is read.
    await recordInClinicAudit(ctx.services, clinic.id, {
      operatorId: ctx.operator.id,
      action: 'platform.access_opened',
      reason: input.reason,
      ip: ctx.request.ip,
      metadata: { grantId: grant.id, expiresAt: expiresAt.toISOString(), readOnly: true },
    });
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.access_open',
      clinicId: clinic.id,
      reason: input.reason,
      metadata: {
        grantId: grant.id,
        minutes: input.minutes,
        expiresAt: expiresAt.toISOString(),
      },
    });
    const [described] = await describeGrants(ctx, [grant]);
    return described!;
  });
