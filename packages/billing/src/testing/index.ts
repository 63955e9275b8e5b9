/**
 * @eventora/billing/testing: a fake Stripe API server for the real SDK, and signed webhook
 * deliveries. Test code only.
 */
export {
  decodeForm,
  startFakeStripe,
  type FakeStripe,
  type RecordedRequest,
} from './fake-stripe-server';
export { webhookRequest, type WebhookRequestOptions } from './webhook-request';
