import { writeClinicAudit, type TenantClient } from '@eventora/tenancy';

import { BillingError } from '../errors';
import type { BillingProvider, CheckoutRequest } from '../providers/billing-provider';

export interface CreateCheckoutInput {
  /** The session's clinic (bound): never taken from input. */
  clinic: { id: string; slug: string };
  /** The signed-in buyer: credits go to them. */
  user: { id: string; email: string };
  packageId: string;
  ip?: string | null;
}

export interface CreatedCheckout {
  sessionId: string;
  /** Stripe's hosted page, or the portal's simulated checkout page. */
  url: string;
}

const packageSelect = {
  id: true,
  name: true,
  priceCents: true,
  currency: true,
  stripeProductId: true,
  stripePriceId: true,
} as const;

/**
 * Starts a purchase: creates the Checkout Session with the clinic, slug, buyer and package in
 * its metadata (and its payment intent's), then stores the session id -> clinic mapping the
 * webhook trusts. Runs inside the bound clinic; `db` is its tenant client.
 */
export async function createCheckout(
  db: TenantClient,
  input: CreateCheckoutInput,
  deps: { provider: BillingProvider; portalUrl: (slug: string) => string },
): Promise<CreatedCheckout> {
  const pkg = await db.package.findFirst({
    where: { id: input.packageId, archivedAt: null },
    select: packageSelect,
  });
  if (!pkg) throw new BillingError('NOT_FOUND', 'Package not found.');
  if (pkg.priceCents <= 0) {
    throw new BillingError('UNPROCESSABLE', 'This package is free: ask the clinic to grant it.');
  }

  const portal = deps.portalUrl(input.clinic.slug);
  const metadata = {
    clinicId: input.clinic.id,
    tenantSlug: input.clinic.slug,
    userId: input.user.id,
    packageId: pkg.id,
  };
  const session = await deps.provider.createCheckoutSession({
    lineItem: await lineItemFor(pkg, deps.provider),
    metadata,
    clientReferenceId: clientReference(input.clinic.id, input.user.id),
    customerEmail: input.user.email,
    // Stripe fills in {CHECKOUT_SESSION_ID}; it must stay unencoded.
    successUrl: `${portal}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${portal}/billing/cancel?package=${encodeURIComponent(pkg.id)}`,
  });

  await db.$transaction(async (tx) => {
    await tx.checkoutSession.create({
      data: {
        clinicId: input.clinic.id,
        id: session.id,
        userId: input.user.id,
        packageId: pkg.id,
      },
      select: { id: true },
    });
    await writeClinicAudit(tx, {
      clinicId: input.clinic.id,
      actor: { type: 'user', id: input.user.id },
      ip: input.ip,
      action: 'billing.checkout_created',
      entityType: 'CheckoutSession',
      entityId: session.id,
      metadata: { packageId: pkg.id, priceCents: pkg.priceCents, currency: pkg.currency },
    });
  });
  return { sessionId: session.id, url: session.url };
}

/** `client_reference_id`: the clinic and buyer, one more hint the webhook checks. */
export function clientReference(clinicId: string, userId: string): string {
  return `${clinicId}:${userId}`;
}

/**
 * The synced price when it still matches the package; otherwise the package's current amount
 * (a package edited since its last sync must not sell at the old price).
 */
async function lineItemFor(
  pkg: {
    name: string;
    priceCents: number;
    currency: string;
    stripeProductId: string | null;
    stripePriceId: string | null;
  },
  provider: BillingProvider,
): Promise<CheckoutRequest['lineItem']> {
  if (pkg.stripePriceId) {
    const price = await provider.retrievePrice(pkg.stripePriceId);
    if (price?.active && price.unitAmount === pkg.priceCents && price.currency === pkg.currency) {
      return { price: price.id };
    }
  }
  return {
    currency: pkg.currency,
    unitAmount: pkg.priceCents,
    productName: pkg.name,
    productId: pkg.stripeProductId,
  };
}
