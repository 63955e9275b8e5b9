import { platformProcedure } from '../../../trpc';
import { provisionAndInvite } from './provision-and-invite';
import { isOnboarding, refuseOnLiveClinic } from './refuse-on-live-clinic';
import { registryRowBySlug, ZProvisioned } from './registry';
import { ZAdminClinicRetryProvisioningInput } from '../../../schemas/admin';

export const retryProvisioning = platformProcedure
  .input(ZAdminClinicRetryProvisioningInput)
  .output(ZProvisioned)
  .mutation(async ({ ctx, input }) => {
    const row = await registryRowBySlug(ctx.services, input.slug);
    // Only a clinic still being provisioned, or whose provisioning failed: a clinic in service
    // is never re-provisioned, and never gets an owner from the console.
    if (!isOnboarding(row)) {
      await refuseOnLiveClinic(
        ctx,
        row,
        {
          action: 'platform.provisioning_retry_refused',
          platformAction: 'clinic.retry_provisioning_refused',
        },
        'Only a clinic whose provisioning is unfinished or failed can be retried.',
      );
    }
    return provisionAndInvite(
      ctx,
      { ...input, name: row.name, mode: row.mode, timezone: row.timezone },
      { action: 'platform.provisioning_retried', platformAction: 'clinic.retry_provisioning' },
    );
  });
