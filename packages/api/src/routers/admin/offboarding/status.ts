import { currentExportLink } from '@eventora/tenancy/offboarding';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { offboardingOf, toOffboardingView } from './offboarding-view';
import { ZAdminOffboardingStatusInput } from '../../../schemas/admin';
import { ZOffboardingView } from './schemas';

/**
 * The clinic's offboarding: closing date, purge date and days left of the grace period, and the
 * owners' download link for the final export (sent, downloaded how often, expires).
 */
export const status = platformProcedure
  .input(ZAdminOffboardingStatusInput)
  .output(ZOffboardingView)
  .query(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const offboarding = offboardingOf(clinic);
    const backups = ctx.services.backups;
    const link =
      offboarding && backups?.configured
        ? await currentExportLink(backups.ownerUrl, clinic.id)
        : null;
    return toOffboardingView(offboarding, ctx.services.now(), link);
  });
