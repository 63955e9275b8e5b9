import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { erasePerson } from '../../privacy/erase-person';
import { currentNotice } from '../../privacy/privacy-notice';
import { authedProcedure, staffProcedure } from '../../trpc';
import {
  ZErasureStatus,
  ZPrivacyDecideErasureInput,
  ZPrivacyErasureRequestsInput,
} from '../../schemas/privacy';

export const ZErasureRequest = z.object({
  id: z.uuid(),
  status: ZErasureStatus,
  requestedAt: z.date(),
  decidedAt: z.date().nullable(),
  answer: z.string().nullable(),
  person: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
});

const requestSelect = {
  id: true,
  status: true,
  requestedAt: true,
  decidedAt: true,
  answer: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

/** The person asks the clinic to forget them; staff decide. One open request at a time. */
export const requestErasure = authedProcedure
  .output(z.object({ id: z.uuid(), status: ZErasureStatus, requestedAt: z.date() }))
  .mutation(async ({ ctx }) => {
    if (ctx.user.role !== 'CLIENT') {
      throw new AppError(
        'FORBIDDEN',
        'Team members are removed by the clinic’s owner, not through an erasure request.',
      );
    }
    const open = await ctx.db.erasureRequest.findFirst({
      where: { userId: ctx.user.id, status: 'pending' },
      select: { id: true, status: true, requestedAt: true },
    });
    if (open) return open;
    const created = await ctx.db.erasureRequest.create({
      data: { clinicId: ctx.clinic.id, userId: ctx.user.id },
      select: { id: true, status: true, requestedAt: true },
    });
    await recordAudit(ctx.db, ctx, {
      action: 'privacy.erasure_requested',
      entityType: 'ErasureRequest',
      entityId: created.id,
    });
    return created;
  });

/** Staff's queue of erasure requests, oldest first. */
export const erasureRequests = staffProcedure
  .input(ZPrivacyErasureRequestsInput)
  .output(z.array(ZErasureRequest))
  .query(async ({ ctx, input }) => {
    const rows = await ctx.db.erasureRequest.findMany({
      where: input.status ? { status: input.status } : {},
      select: requestSelect,
      orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
      take: 200,
    });
    return rows.map(({ user, ...row }) => ({ ...row, person: user }));
  });

/**
 * Approve: the person is pseudonymised (see erasePerson) and the answer tells them what the
 * clinic keeps, anonymised, and for how long (the retention of its privacy notice). Refuse:
 * the answer says why. Either way the decision is audited, without the person's details.
 */
export const decideErasure = staffProcedure
  .input(ZPrivacyDecideErasureInput)
  .output(ZErasureRequest.omit({ person: true }))
  .mutation(async ({ ctx, input }) => {
    const request = await ctx.db.erasureRequest.findFirst({
      where: { id: input.id },
      select: { id: true, status: true, user: { select: { id: true, email: true } } },
    });
    if (!request) throw notFound('Erasure request');
    if (request.status !== 'pending') {
      throw new AppError('CONFLICT', 'This request was already decided.');
    }
    const now = ctx.services.now();
    const { retentionMonths } = await currentNotice(ctx.db, ctx.clinic);
    const answer =
      input.decision === 'approve'
        ? `Your name, email, phone and notes were erased on ${now.toISOString().slice(0, 10)}; you can no longer sign in. ${ctx.clinic.name} keeps your bookings and payments without your identity for ${retentionMonths} months, as the law requires for clinical and billing records.`
        : input.answer;
    return ctx.db.$transaction(async (tx) => {
      const decided = await tx.erasureRequest.updateMany({
        where: { id: request.id, status: 'pending' },
        data: {
          status: input.decision === 'approve' ? 'approved' : 'refused',
          decidedAt: now,
          decidedBy: ctx.user.id,
          answer,
        },
      });
      if (decided.count !== 1) throw new AppError('CONFLICT', 'This request was already decided.');
      const cleared =
        input.decision === 'approve' ? await erasePerson(tx, request.user, now) : null;
      await recordAudit(tx, ctx, {
        action:
          input.decision === 'approve' ? 'privacy.erasure_approved' : 'privacy.erasure_refused',
        entityType: 'ErasureRequest',
        entityId: request.id,
        metadata: cleared ? { auditEntriesCleared: cleared.auditEntriesCleared } : {},
      });
      return tx.erasureRequest.findFirstOrThrow({
        where: { id: request.id },
        select: { id: true, status: true, requestedAt: true, decidedAt: true, answer: true },
      });
    });
  });
