import { z } from 'zod';
import { discardClinic } from '@eventora/tenancy';

import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { AppError } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { provisioning } from './provision-and-invite';
import { onboardingField, registryRowBySlug } from './registry';
import { ZAdminClinicDiscardInput } from '../../../schemas/admin';

export const discard = platformProcedure
  .input(ZAdminClinicDiscardInput)
  .output(z.object({ discarded: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const row = await registryRowBySlug(ctx.services, input.slug);
    if (onboardingField(row, 'state') === 'ready' || row.status !== 'suspended') {
      throw new AppError('CONFLICT', 'Only a clinic whose provisioning failed can be discarded.');
    }
    await discardClinic(input.slug, { ownerUrl: provisioning(ctx.services).ownerUrl });
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.discard',
      clinicId: row.id,
      metadata: { slug: row.slug },
    });
    return { discarded: true as const };
  });
