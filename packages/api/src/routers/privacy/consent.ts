import { z } from 'zod';
import type { TenantClient } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { assertCurrentNotice, currentNotice } from '../../privacy/privacy-notice';
import { authedProcedure } from '../../trpc';
import { ZPrivacyAcceptNoticeInput } from '../../schemas/privacy';

export const ZConsentStatus = z.object({
  currentVersion: z.number().int(),
  /** The newest version this person accepted, or null. */
  acceptedVersion: z.number().int().nullable(),
  /**
   * True when a client has not accepted the current version yet: ask before going on. The
   * notice is addressed to clients; team members' data is covered by their employment terms.
   */
  needsConsent: z.boolean(),
});

/** Whether the signed-in person has accepted the clinic's current notice. */
export const consentStatus = authedProcedure.output(ZConsentStatus).query(async ({ ctx }) => {
  const notice = await currentNotice(ctx.db, ctx.clinic);
  const accepted = await ctx.db.privacyConsent.findFirst({
    where: { userId: ctx.user.id },
    orderBy: { noticeVersion: 'desc' },
    select: { noticeVersion: true },
  });
  const acceptedVersion = accepted?.noticeVersion ?? null;
  return {
    currentVersion: notice.version,
    acceptedVersion,
    needsConsent: ctx.user.role === 'CLIENT' && acceptedVersion !== notice.version,
  };
});

/** Records that the signed-in person accepted the version they were shown (the current one). */
export const acceptNotice = authedProcedure
  .input(ZPrivacyAcceptNoticeInput)
  .output(z.object({ version: z.number().int(), acceptedAt: z.date() }))
  .mutation(async ({ ctx, input }) => {
    const consent = await recordConsent(ctx, input.version);
    await recordAudit(ctx.db, ctx, {
      action: 'privacy.consent',
      entityType: 'PrivacyNotice',
      entityId: String(consent.version),
    });
    return consent;
  });

/**
 * Stores a person's acceptance of `version`, which must be the clinic's current notice: a
 * person who read an older text (the owner published meanwhile) is asked to read again.
 * Accepting twice keeps the first time.
 */
export async function recordConsent(
  ctx: {
    db: Pick<TenantClient, 'privacyNotice' | 'privacyConsent'>;
    clinic: { id: string; name: string };
    user: { id: string };
  },
  version: number,
): Promise<{ version: number; acceptedAt: Date }> {
  await assertCurrentNotice(ctx.db, ctx.clinic, version);
  await ctx.db.privacyConsent.createMany({
    data: [{ clinicId: ctx.clinic.id, userId: ctx.user.id, noticeVersion: version }],
    skipDuplicates: true,
  });
  const consent = await ctx.db.privacyConsent.findFirstOrThrow({
    where: { userId: ctx.user.id, noticeVersion: version },
    select: { noticeVersion: true, acceptedAt: true },
  });
  return { version: consent.noticeVersion, acceptedAt: consent.acceptedAt };
}
