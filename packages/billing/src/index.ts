/**
 * @eventora/billing: Stripe checkout and webhook fulfilment, bound to the right clinic. Clinic
 * functions take the bound clinic's tenant client; the webhook finds its clinic from the stored
 * checkout mapping (never from the event alone) and fulfils through the tenant router, in the
 * clinic's own schema or database when it has one. Without Stripe keys a simulated provider
 * runs the same webhook code (never in production).
 */
export {
  createBillingService,
  type BillingService,
  type BillingServiceOptions,
  type CheckoutStatus,
  type StripeSettings,
} from './billing-service';
export { BillingError, isBillingError, type BillingErrorCode } from './errors';
export {
  platformOnly,
  secretResolver,
  staticAccountDirectory,
  ZClinicAccounts,
  type ClinicAccountDirectory,
  type SecretResolver,
  type StripeAccountRef,
} from './accounts/stripe-account';
export {
  accountDisagreement,
  simulatedAccountRouting,
  stripeAccountRouting,
  type AccountRouting,
  type WebhookEndpoint,
} from './accounts/account-routing';
export type {
  BillingProvider,
  CheckoutMetadata,
  CheckoutRequest,
  PriceInfo,
} from './providers/billing-provider';
export {
  createStripeClient,
  createStripeProvider,
  type StripeApiLocation,
  type StripeProviderOptions,
} from './providers/stripe-provider';
export {
  createSimulatedProvider,
  type SimulatedProvider,
  type SimulatedProviderOptions,
} from './providers/simulated-provider';
export {
  clientReference,
  type CreatedCheckout,
  type CreateCheckoutInput,
} from './checkout/create-checkout';
export type { SyncedPackage, SyncPackageInput } from './catalog/sync-package';
export {
  createWebhookHandler,
  type BillingLogger,
  type WebhookHandler,
  type WebhookHandlerOptions,
} from './webhook/handle-stripe-webhook';
export type { FulfilmentOutcome } from './webhook/fulfil-event';
export {
  chargeRefundedEvent,
  checkoutSessionEvent,
  signPayload,
  stripeLikeId,
  type ChargeFields,
  type CheckoutEventType,
  type CheckoutSessionFields,
  type EventPayload,
} from './events/build-events';
