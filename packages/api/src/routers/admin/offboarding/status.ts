import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { offboardingOf, toOffboardingView } from './offboarding-view';
import { ZAdminOffboardingStatusInput } from '../../../schemas/admin';
import { ZOffboardingView } from './schemas';

/** The clinic's offboarding: closing date, purge date and days left of the grace period. */
export const status = platformProcedure
  .input(ZAdminOffboardingStatusInput)
  .output(ZOffboardingView)
  .query(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    return toOffboardingView(offboardingOf(clinic), ctx.services.now());
  });
