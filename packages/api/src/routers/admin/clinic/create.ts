import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { provisionAndInvite } from './provision-and-invite';
import { isOnboarding, refuseOnLiveClinic } from './refuse-on-live-clinic';
import { registrySelect, ZProvisioned } from './registry';
import { ZAdminClinicCreateInput } from '../../../schemas/admin';

export const create = platformProcedure
  .input(ZAdminClinicCreateInput)
  .output(ZProvisioned)
  .mutation(async ({ ctx, input }) => {
    const taken = await ctx.services.platform.clinic.findUnique({
      where: { slug: input.slug },
      select: registrySelect,
    });
    if (taken) {
      const fields = [{ field: 'slug', message: 'Already in use.' }];
      if (!isOnboarding(taken)) {
        await refuseOnLiveClinic(
          ctx,
          taken,
          { action: 'platform.clinic_create_refused', platformAction: 'clinic.create_refused' },
          'That address is taken.',
          fields,
        );
      }
      throw new AppError('CONFLICT', 'That address is taken.', fields);
    }
    return provisionAndInvite(ctx, input, {
      action: 'platform.clinic_created',
      platformAction: 'clinic.create',
    });
  });
