import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { platformProcedure } from '../../../trpc';
import { provisionAndInvite } from './provision-and-invite';
import { registryRowBySlug, ZProvisioned } from './registry';
import { ZClinicRetryInput } from './schemas';

export const retryProvisioning = platformProcedure
  .input(ZClinicRetryInput)
  .output(ZProvisioned)
  .mutation(async ({ ctx, input }) => {
    const row = await registryRowBySlug(ctx.services, input.slug);
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.retry_provisioning',
      clinicId: row.id,
    });
    return provisionAndInvite(ctx.services, {
      ...input,
      name: row.name,
      mode: row.mode,
      timezone: row.timezone,
    });
  });
