import { TRPCError } from '@trpc/server';
import { reopenClinic } from '@eventora/tenancy/offboarding';

import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { offboardingOf, toOffboardingView } from './offboarding-view';
import { ZAdminOffboardingCancelInput } from '../../../schemas/admin';
import { ZOffboardingView } from './schemas';

/**
 * Cancels a clinic's offboarding during its grace period: the portal opens again, nothing was
 * deleted. The platform log's `clinic.reopened` entry names the operator and the reason.
 */
export const cancel = platformProcedure
  .input(ZAdminOffboardingCancelInput)
  .output(ZOffboardingView)
  .mutation(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const ownerUrl = ctx.services.provisioning?.ownerUrl;
    if (!ownerUrl) {
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: 'This console cannot reopen clinics (DATABASE_OWNER_URL is not set).',
      });
    }
    const current = offboardingOf(clinic);
    if (current?.state !== 'closed') {
      throw new AppError('CONFLICT', 'This clinic is not being offboarded.');
    }
    const reopened = await reopenClinic(clinic.slug, {
      ownerUrl,
      now: ctx.services.now,
      actor: { operatorId: ctx.operator.id, reason: input.reason },
    });
    return toOffboardingView(reopened, ctx.services.now());
  });
