import Stripe from 'stripe';
import {
  isTenancyError,
  runWithClinic,
  writeClinicAudit,
  type TenantRouter,
} from '@eventora/tenancy';

import { accountDisagreement, type AccountRouting } from '../accounts/account-routing';
import { isBillingError } from '../errors';
import { fulfilEvent } from './fulfil-event';
import { locateCheckout, type CheckoutClaims, type LocatedCheckout } from './locate-checkout';
import { parseBillingEvent, type BillingEvent } from './parse-event';

/** Where billing reports what it refused or failed at. Never handed secrets or payloads. */
export type BillingLogger = Pick<Console, 'info' | 'warn' | 'error'>;

export interface WebhookHandlerOptions {
  tenants: TenantRouter;
  accounts: AccountRouting;
  now: () => Date;
  logger?: BillingLogger;
}

/** A webhook request's answer, for Stripe (2xx: done, do not resend) and for logs. */
export type WebhookHandler = (request: Request) => Promise<Response>;

/**
 * The Stripe webhook (`POST /api/stripe/webhook`, or `?clinic=<slug>` for a clinic billed
 * through its own Stripe account). In order:
 *
 * 1. verifies the signature on the raw body with the SDK and its default tolerance: a bad or
 *    stale signature answers 400 and nothing is read further;
 * 2. finds the checkout session the event is about (for a refund, through the payment intent)
 *    and the clinic holding its stored mapping (locate-checkout.ts);
 * 3. requires the mapping's clinic (resolved through the registry), the event's metadata and
 *    client reference, and the Stripe account the event came from to agree; a disagreement
 *    answers 422, is logged, and is audited in the clinic holding the mapping: never fulfilled;
 * 4. fulfils in one transaction on that clinic's own client (fulfil-event.ts).
 *
 * An unknown session answers 404 and changes nothing. Event types billing does not handle are
 * acknowledged (200) and ignored. Failures on our side answer 5xx, so Stripe retries.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const logger = options.logger ?? console;

  return async (request) => {
    if (request.method !== 'POST') return answer(405, { error: 'Method not allowed.' });
    try {
      const clinicSlug = new URL(request.url).searchParams.get('clinic');
      const endpoint = await options.accounts.endpoint(clinicSlug).catch((error: unknown) => {
        if (isTenancyError(error, 'CLINIC_NOT_FOUND')) return null;
        throw error;
      });
      if (!endpoint) return answer(404, { error: 'No such webhook endpoint.' });

      // The raw body, exactly as signed: never re-serialized before verification.
      const payload = await request.text();
      const signature = request.headers.get('stripe-signature');
      const verified = signature ? verify(payload, signature, endpoint.secrets) : undefined;
      if (!verified) {
        logger.warn('[billing] webhook refused: missing or invalid signature');
        return answer(400, { error: 'Invalid signature.' });
      }
      const event = parseBillingEvent(verified);
      if (!event) {
        logger.warn(`[billing] webhook refused: malformed event ${safeId(verified)}`);
        return answer(400, { error: 'Malformed event.' });
      }
      if (event.kind === 'other') return answer(200, { received: true, outcome: 'ignored' });

      const target = await checkoutOf(event, endpoint.providerForEvent(event.account));
      if (!target) return unknown(event);
      const located = await locateCheckout(options.tenants, target.sessionId, target.claims);
      if (located.length === 0) return unknown(event);

      for (const match of located) {
        const account = await options.accounts.accountOf(match.clinic);
        const reason = accountDisagreement(account, endpoint, match.clinic.id, event.account);
        if (reason) match.disagreements.push(reason);
      }
      const [match] = located;
      if (!match || located.length > 1 || match.disagreements.length > 0) {
        await reject(event, located);
        return answer(422, { error: 'The event does not match the checkout on record.' });
      }

      const outcome = await runWithClinic(match.clinic, () =>
        fulfilEvent(match.db, match.clinic, match.checkout.id, event, options.now()),
      );
      logger.info(
        `[billing] ${event.type} ${event.id} for ${match.clinic.slug} ${match.checkout.id}: ${outcome}`,
      );
      return answer(200, { received: true, outcome });
    } catch (error) {
      const busy =
        isTenancyError(error, 'CLINIC_FROZEN') ||
        isTenancyError(error, 'ROUTER_AT_CAPACITY') ||
        isBillingError(error, 'PROVIDER_UNAVAILABLE');
      logger.error(
        `[billing] webhook failed (${busy ? 'retryable' : 'internal'}): ${describe(error)}`,
      );
      // 503 with Retry-After: Stripe delivers the event again later (a frozen clinic is moving).
      return answer(
        busy ? 503 : 500,
        { error: 'Try again later.' },
        busy ? { 'retry-after': '60' } : {},
      );
    }
  };

  function unknown(event: Exclude<BillingEvent, { kind: 'other' }>): Response {
    logger.warn(`[billing] webhook refused: ${event.type} ${event.id} names no known checkout`);
    return answer(404, { error: 'Unknown checkout session.' });
  }

  /** Logs and audits a disagreement in every clinic that holds the mapping; changes nothing else. */
  async function reject(
    event: Exclude<BillingEvent, { kind: 'other' }>,
    located: LocatedCheckout[],
  ): Promise<void> {
    for (const { clinic, db, checkout, disagreements } of located) {
      const reasons = located.length > 1 ? [...disagreements, 'ambiguous'] : disagreements;
      logger.warn(
        `[billing] webhook refused: ${event.type} ${event.id} disagrees with checkout ${checkout.id} of ${clinic.slug} on ${reasons.join(', ')}`,
      );
      await runWithClinic(clinic, () =>
        writeClinicAudit(db, {
          clinicId: clinic.id,
          actor: { type: 'system' },
          action: 'billing.webhook_rejected',
          entityType: 'CheckoutSession',
          entityId: checkout.id,
          reason: `Event disagrees on ${reasons.join(', ')}`,
          metadata: { eventId: event.id, eventType: event.type, disagreements: reasons },
        }),
      );
    }
  }
}

/** The checkout session an event is about, and what the event claims about it. */
async function checkoutOf(
  event: Exclude<BillingEvent, { kind: 'other' }>,
  provider: { findCheckoutSessionId(paymentIntentId: string): Promise<string | null> },
): Promise<{ sessionId: string; claims: CheckoutClaims } | undefined> {
  if (event.kind === 'checkout') {
    return {
      sessionId: event.session.id,
      claims: {
        ...claimsOf(event.session.metadata),
        clientReferenceId: event.session.clientReferenceId,
      },
    };
  }
  // A charge names only its payment intent; Stripe knows which session created it. The charge
  // carries the intent's metadata (copied by Stripe at payment), the same hints as a session's.
  if (!event.charge.paymentIntentId) return undefined;
  const sessionId = await provider.findCheckoutSessionId(event.charge.paymentIntentId);
  return sessionId ? { sessionId, claims: claimsOf(event.charge.metadata) } : undefined;
}

function claimsOf(metadata: Record<string, string>): CheckoutClaims {
  return {
    clinicId: metadata.clinicId,
    tenantSlug: metadata.tenantSlug,
    userId: metadata.userId,
    packageId: metadata.packageId,
  };
}

/** The verified event, or undefined for a bad or stale signature under every secret. */
function verify(payload: string, signature: string, secrets: readonly string[]): unknown {
  for (const secret of secrets) {
    try {
      return Stripe.webhooks.constructEvent(payload, signature, secret);
    } catch {
      // Next secret; none matching is a refusal.
    }
  }
  return undefined;
}

function safeId(event: unknown): string {
  const id = (event as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 255) : '(no id)';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
}

function answer(
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}
