import { TRPCError } from '@trpc/server';

import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { AppError } from '../../../errors/app-error';
import { sendFinalExportLink } from '../../../offboarding/final-export';
import { platformProcedure } from '../../../trpc';
import { asAppError } from '../backups/backup-services';
import { registryRow } from '../clinic/registry';
import { offboardingOf, toOffboardingView } from './offboarding-view';
import { ZAdminOffboardingSendLinkInput } from '../../../schemas/admin';
import { ZOffboardingView } from './schemas';

/**
 * Mails a closed clinic's owners the download link of its final export (first time, or again:
 * a new link, and the earlier one stops working). The platform log's
 * `clinic.final_export_link_sent` names the operator and how many owners it went to; never the
 * link. Needs the backup store (where the final export was kept at the close) and the console's
 * public address.
 */
export const sendLink = platformProcedure
  .input(ZAdminOffboardingSendLinkInput)
  .output(ZOffboardingView)
  .mutation(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const backups = ctx.services.backups;
    if (!backups?.configured || !backups.publicUrl) {
      throw new TRPCError({
        code: 'PRECONDITION_FAILED',
        message: `This console cannot send download links: set ${
          backups?.configured ? 'CONSOLE_PUBLIC_URL' : (backups?.missing ?? []).join(', ')
        }.`,
      });
    }
    if (offboardingOf(clinic)?.state !== 'closed') {
      throw new AppError('CONFLICT', 'This clinic is not closed: it has no final export to send.');
    }
    let sent;
    try {
      sent = await sendFinalExportLink(
        ctx.services,
        { ...backups, publicUrl: backups.publicUrl },
        clinic,
        ctx.operator.id,
      );
    } catch (error) {
      throw asAppError(error);
    }
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.final_export_link_sent',
      clinicId: clinic.id,
      metadata: {
        linkId: sent.link.id,
        recipients: sent.recipients,
        expiresAt: sent.link.expiresAt.toISOString(),
      },
    });
    return toOffboardingView(offboardingOf(clinic), ctx.services.now(), sent.link);
  });
