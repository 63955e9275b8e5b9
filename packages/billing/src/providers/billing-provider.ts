/**
 * What billing needs from a payment provider: Stripe itself (stripe-provider.ts) or, without
 * keys, the simulated one (simulated-provider.ts). Narrow on purpose: these are the only calls
 * the code makes, so the simulated provider and the tests' fake Stripe server answer them all.
 */
export interface BillingProvider {
  readonly kind: 'stripe' | 'simulated';
  /** Creates a Checkout Session in payment mode; answers its id and the page to send the buyer to. */
  createCheckoutSession(request: CheckoutRequest): Promise<{ id: string; url: string }>;
  /** The Checkout Session that created a payment intent (refunds name only the intent). */
  findCheckoutSessionId(paymentIntentId: string): Promise<string | null>;
  createProduct(product: ProductInput, idempotencyKey: string): Promise<string>;
  updateProduct(id: string, product: ProductInput): Promise<void>;
  /** The price, or null when the account has no such price. */
  retrievePrice(id: string): Promise<PriceInfo | null>;
  createPrice(price: PriceInput, idempotencyKey: string): Promise<string>;
  /** Prices are immutable in Stripe: a changed amount is a new price, the old one archived. */
  archivePrice(id: string): Promise<void>;
}

/** The metadata every checkout carries, on the session and on its payment intent. */
export interface CheckoutMetadata {
  clinicId: string;
  tenantSlug: string;
  userId: string;
  packageId: string;
}

export interface CheckoutRequest {
  /** A synced price, or the package's current amount when it has none (or it went stale). */
  lineItem:
    | { price: string }
    | { currency: string; unitAmount: number; productName: string; productId: string | null };
  metadata: CheckoutMetadata;
  clientReferenceId: string;
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string;
}

export interface ProductInput {
  name: string;
  description: string | null;
  active: boolean;
  metadata: Record<string, string>;
}

export interface PriceInput {
  productId: string;
  unitAmount: number;
  currency: string;
  metadata: Record<string, string>;
}

export interface PriceInfo {
  id: string;
  productId: string;
  unitAmount: number | null;
  currency: string;
  active: boolean;
}
