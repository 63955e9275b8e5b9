import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { platformProcedure } from '../../../trpc';
import { registryRow, registrySelect, toDetail, ZClinicDetail } from './registry';
import { ZClinicUpdateInput } from './schemas';

export const update = platformProcedure
  .input(ZClinicUpdateInput)
  .output(ZClinicDetail)
  .mutation(async ({ ctx, input }) => {
    const { id, ...changes } = input;
    await registryRow(ctx.services, id);
    const row = await ctx.services.platform.clinic.update({
      where: { id },
      data: changes,
      select: registrySelect,
    });
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.update',
      clinicId: id,
      metadata: { fields: Object.keys(changes) },
    });
    return toDetail(ctx.services, row);
  });
