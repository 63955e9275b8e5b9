import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { currentNotice, noticeSelect } from '../../privacy/privacy-notice';
import { clinicPublicProcedure, ownerProcedure } from '../../trpc';
import { ZPrivacyPublishNoticeInput } from '../../schemas/privacy';

export const ZPrivacyNotice = z.object({
  version: z.number().int().positive(),
  body: z.string(),
  /** Months anonymised clinical and billing records are kept after an erasure. */
  retentionMonths: z.number().int(),
  publishedAt: z.date(),
});

/** The clinic's current notice, shown before sign-up and whenever a person asks. */
export const notice = clinicPublicProcedure
  .output(ZPrivacyNotice)
  .query(({ ctx }) => currentNotice(ctx.db, ctx.clinic));

/**
 * The owner publishes a new version (the old ones stay, since consents point at them); every
 * signed-up person is asked to accept it at their next sign-in.
 */
export const publishNotice = ownerProcedure
  .input(ZPrivacyPublishNoticeInput)
  .output(ZPrivacyNotice)
  .mutation(async ({ ctx, input }) => {
    const latest = await currentNotice(ctx.db, ctx.clinic);
    return ctx.db.$transaction(async (tx) => {
      const published = await tx.privacyNotice.create({
        data: {
          clinicId: ctx.clinic.id,
          version: latest.version + 1,
          body: input.body,
          retentionMonths: input.retentionMonths,
          publishedBy: ctx.user.id,
        },
        select: noticeSelect,
      });
      await recordAudit(tx, ctx, {
        action: 'privacy.notice_published',
        entityType: 'PrivacyNotice',
        entityId: String(published.version),
      });
      return published;
    });
  });
