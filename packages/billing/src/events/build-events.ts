import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** The checkout session fields billing reads from an event, to build one. */
export interface CheckoutSessionFields {
  id: string;
  metadata: Record<string, string>;
  clientReferenceId: string | null;
  amountTotal: number;
  currency: string;
  paymentIntentId: string | null;
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  customerEmail?: string | null;
}

export interface ChargeFields {
  paymentIntentId: string;
  amount: number;
  /** Defaults to the whole amount (a full refund). */
  amountRefunded?: number;
  currency: string;
  /** What Stripe copied from the payment intent. */
  metadata: Record<string, string>;
}

export type CheckoutEventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed'
  | 'checkout.session.expired';

/** A Stripe event as it arrives in a webhook body (snapshot payload, API v1). */
export interface EventPayload {
  id: string;
  object: 'event';
  type: string;
  created: number;
  api_version: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  account?: string;
  data: { object: Record<string, unknown> };
}

/** A Stripe-looking id: `<prefix>_<random>`. */
export function stripeLikeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** A `checkout.session.*` event carrying the session as Stripe would send it. */
export function checkoutSessionEvent(
  type: CheckoutEventType,
  session: CheckoutSessionFields,
  options: { id?: string; created?: Date; account?: string } = {},
): EventPayload {
  const created = Math.floor((options.created ?? new Date()).getTime() / 1000);
  return envelope(type, created, options, {
    id: session.id,
    object: 'checkout.session',
    mode: 'payment',
    livemode: false,
    created,
    expires_at: created + 24 * 3600,
    status: session.status,
    payment_status: session.paymentStatus,
    amount_subtotal: session.amountTotal,
    amount_total: session.amountTotal,
    currency: session.currency,
    client_reference_id: session.clientReferenceId,
    customer_email: session.customerEmail ?? null,
    metadata: session.metadata,
    payment_intent: session.paymentIntentId,
    url: null,
  });
}

/** A `charge.refunded` event: Stripe sends the charge, which names only its payment intent. */
export function chargeRefundedEvent(
  charge: ChargeFields,
  options: { id?: string; created?: Date; account?: string } = {},
): EventPayload {
  const created = Math.floor((options.created ?? new Date()).getTime() / 1000);
  const amountRefunded = charge.amountRefunded ?? charge.amount;
  return envelope('charge.refunded', created, options, {
    id: stripeLikeId('ch'),
    object: 'charge',
    livemode: false,
    created,
    amount: charge.amount,
    amount_captured: charge.amount,
    amount_refunded: amountRefunded,
    currency: charge.currency,
    paid: true,
    captured: true,
    refunded: amountRefunded >= charge.amount,
    status: 'succeeded',
    payment_intent: charge.paymentIntentId,
    metadata: charge.metadata,
  });
}

/** The `Stripe-Signature` header Stripe would send with `payload` (the SDK's own signer). */
export function signPayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
}

function envelope(
  type: string,
  created: number,
  options: { id?: string; account?: string },
  object: Record<string, unknown>,
): EventPayload {
  return {
    id: options.id ?? stripeLikeId('evt'),
    object: 'event',
    type,
    created,
    api_version: Stripe.API_VERSION,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    ...(options.account ? { account: options.account } : {}),
    data: { object },
  };
}
