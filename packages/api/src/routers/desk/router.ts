import { randomUUID } from 'node:crypto';
import type { TRPCRouterRecord } from '@trpc/server';
import { addDays } from 'date-fns';
import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { recordAudit } from '../../audit/record-audit';
import { AppError, notFound } from '../../errors/app-error';
import { staffProcedure } from '../../trpc';
import { readClinicSettings, registryOf } from '../settings/clinic-settings';
import { presentWalletItem, walletSelect, ZWalletItem } from '../wallet/router';
import {
  ZDeskGrantCreditsInput,
  ZDeskPaymentsInput,
  ZDeskRecordPaymentInput,
  ZPaymentMethod,
} from '../../schemas/desk';

const paymentSelect = {
  id: true,
  reservationId: true,
  amountCents: true,
  currency: true,
  method: true,
  reference: true,
  createdAt: true,
  client: { select: { id: true, name: true } },
  recorder: { select: { id: true, name: true } },
} satisfies Prisma.PaymentSelect;

export const ZPayment = z.object({
  id: z.uuid(),
  reservationId: z.uuid().nullable(),
  amountCents: z.number().int(),
  currency: z.string(),
  method: ZPaymentMethod,
  reference: z.string().nullable(),
  createdAt: z.date(),
  client: z.object({ id: z.uuid(), name: z.string() }),
  recorder: z.object({ id: z.uuid(), name: z.string() }),
});

/** The front desk's money: payments taken in person and credits given by hand. */
export const deskRouter = {
  /** Records money taken at the desk (cash, card terminal, bank transfer); audited. */
  recordPayment: staffProcedure
    .input(ZDeskRecordPaymentInput)
    .output(ZPayment)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        let clientId = input.clientId;
        if (input.reservationId) {
          const reservation = await tx.reservation.findFirst({
            where: { id: input.reservationId },
            select: { clientId: true, status: true },
          });
          if (!reservation) throw notFound('Reservation');
          if (clientId && clientId !== reservation.clientId) {
            throw new AppError('UNPROCESSABLE', "That session is another client's.", [
              { field: 'clientId', message: "Not this session's client." },
            ]);
          }
          clientId = reservation.clientId;
        } else {
          const client = await tx.user.findFirst({
            where: { id: clientId, role: 'CLIENT' },
            select: { id: true },
          });
          if (!client) throw notFound('Client');
        }
        const currency =
          input.currency ?? (await readClinicSettings(registryOf(ctx, tx), ctx.clinic.id)).currency;
        const payment = await tx.payment.create({
          data: {
            clinicId: ctx.clinic.id,
            clientId: clientId!,
            reservationId: input.reservationId ?? null,
            amountCents: input.amountCents,
            currency,
            method: input.method,
            reference: input.reference ?? null,
            recordedBy: ctx.user.id,
          },
          select: paymentSelect,
        });
        await recordAudit(tx, ctx, {
          action: 'desk.payment',
          entityType: 'Payment',
          entityId: payment.id,
          metadata: {
            clientId: clientId!,
            reservationId: input.reservationId ?? null,
            amountCents: input.amountCents,
            currency,
            method: input.method,
          },
        });
        return payment;
      }),
    ),

  /**
   * Gives a client a package's credits without payment (a free or promotional package): the
   * package's sessions and validity from today, marked `manual:` as its purchase reference.
   */
  grantCredits: staffProcedure
    .input(ZDeskGrantCreditsInput)
    .output(ZWalletItem)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const client = await tx.user.findFirst({
          where: { id: input.clientId, role: 'CLIENT' },
          select: { id: true },
        });
        if (!client) throw notFound('Client');
        const pack = await tx.package.findFirst({
          where: { id: input.packageId },
          select: { id: true, sessionsIncluded: true, validityDays: true },
        });
        if (!pack) throw notFound('Package');
        const now = ctx.services.now();
        const row = await tx.userPackage.create({
          data: {
            clinicId: ctx.clinic.id,
            userId: client.id,
            packageId: pack.id,
            creditsTotal: pack.sessionsIncluded,
            creditsLeft: pack.sessionsIncluded,
            expiresAt: addDays(now, pack.validityDays),
            purchaseReference: `manual:${randomUUID()}`,
            createdAt: now,
          },
          select: walletSelect,
        });
        await recordAudit(tx, ctx, {
          action: 'desk.grant_credits',
          entityType: 'UserPackage',
          entityId: row.id,
          reason: input.reason,
          metadata: { clientId: client.id, packageId: pack.id, credits: pack.sessionsIncluded },
        });
        return presentWalletItem(row, now);
      }),
    ),

  /** Payments taken, newest first: a client's, a session's, or the clinic's in a period. */
  payments: staffProcedure
    .input(ZDeskPaymentsInput)
    .output(z.array(ZPayment))
    .query(({ ctx, input }) =>
      ctx.db.payment.findMany({
        where: {
          clientId: input.clientId,
          reservationId: input.reservationId,
          ...(input.from || input.to ? { createdAt: { gte: input.from, lt: input.to } } : {}),
        },
        select: paymentSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: input.limit,
      }),
    ),
} satisfies TRPCRouterRecord;
