import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { isBillingError } from '@eventora/billing';

import { AppError } from '../../errors/app-error';
import { clinicProcedure, staffProcedure } from '../../trpc';
import { billingOf, fromBillingError } from './billing-errors';
import {
  ZBillingCheckoutStatusInput,
  ZBillingCompleteSimulatedCheckoutInput,
  ZBillingCreateCheckoutInput,
  ZBillingSyncPackageInput,
} from '../../schemas/billing';

const ZCheckoutStatus = z.enum(['open', 'completed', 'expired', 'failed', 'refunded']);

// Billing's errors become API errors here, on every billing procedure; others pass untouched.
const billingProcedure = clinicProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && isBillingError(result.error.cause)) {
    throw fromBillingError(result.error.cause);
  }
  return result;
});
const billingStaffProcedure = staffProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && isBillingError(result.error.cause)) {
    throw fromBillingError(result.error.cause);
  }
  return result;
});

/**
 * Buying packages. The clinic is always the session's (never input); the webhook that credits
 * a purchase lives at /api/stripe/webhook (apps/web) and is not a procedure.
 */
export const billingRouter = {
  /** `simulated` without Stripe keys: the portal shows "Pay (simulated)" on its checkout page. */
  mode: clinicProcedure
    .output(z.object({ mode: z.enum(['stripe', 'simulated']) }))
    .query(({ ctx }) => ({ mode: billingOf(ctx.services).mode })),

  /** A client buys a package for themselves: answers the page to send them to. */
  createCheckout: billingProcedure
    .input(ZBillingCreateCheckoutInput)
    .output(z.object({ sessionId: z.string(), url: z.url() }))
    .mutation(({ ctx, input }) => {
      if (ctx.user.role !== 'CLIENT') {
        throw new AppError('FORBIDDEN', 'Only clients buy packages, for themselves.');
      }
      return billingOf(ctx.services).createCheckout(ctx.db, {
        clinic: ctx.clinic,
        user: ctx.user,
        packageId: input.packageId,
        ip: ctx.request.ip,
      });
    }),

  /** The buyer's own checkout, for the success page: has the webhook credited it yet? */
  checkoutStatus: billingProcedure
    .input(ZBillingCheckoutStatusInput)
    .output(z.object({ status: ZCheckoutStatus, credited: z.boolean() }))
    .query(({ ctx, input }) =>
      billingOf(ctx.services).checkoutStatus(ctx.db, {
        userId: ctx.user.id,
        sessionId: input.sessionId,
      }),
    ),

  /**
   * Without Stripe keys only: pays the buyer's own open checkout through the simulated provider,
   * which signs a `checkout.session.completed` and posts it to the real webhook.
   */
  completeSimulatedCheckout: billingProcedure
    .input(ZBillingCompleteSimulatedCheckoutInput)
    .output(z.object({ status: ZCheckoutStatus }))
    .mutation(({ ctx, input }) =>
      billingOf(ctx.services).completeSimulatedCheckout(ctx.db, {
        clinic: ctx.clinic,
        user: ctx.user,
        sessionId: input.sessionId,
      }),
    ),

  /** Staff publish a package to Stripe: product and price created or updated, ids stored. */
  syncPackage: billingStaffProcedure
    .input(ZBillingSyncPackageInput)
    .output(
      z.object({
        packageId: z.uuid(),
        productId: z.string(),
        priceId: z.string(),
        priceCreated: z.boolean(),
        archivedPriceId: z.string().nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      billingOf(ctx.services).syncPackage(ctx.db, {
        clinic: ctx.clinic,
        packageId: input.packageId,
        userId: ctx.user.id,
        ip: ctx.request.ip,
      }),
    ),
} satisfies TRPCRouterRecord;
