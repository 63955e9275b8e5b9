import { recordInClinicAudit } from '../../../audit/record-in-clinic-audit';
import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { provisionAndInvite } from './provision-and-invite';
import { ZProvisioned } from './registry';
import { ZClinicCreateInput } from './schemas';

export const create = platformProcedure
  .input(ZClinicCreateInput)
  .output(ZProvisioned)
  .mutation(async ({ ctx, input }) => {
    const taken = await ctx.services.platform.clinic.findUnique({
      where: { slug: input.slug },
      select: { id: true },
    });
    if (taken)
      throw new AppError('CONFLICT', 'That address is taken.', [
        { field: 'slug', message: 'Already in use.' },
      ]);
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.create',
      metadata: { slug: input.slug, mode: input.mode },
    });
    const created = await provisionAndInvite(ctx.services, input);
    await recordInClinicAudit(ctx.services, created.id, {
      operatorId: ctx.operator.id,
      action: 'platform.clinic_created',
      ip: ctx.request.ip,
    });
    return created;
  });
