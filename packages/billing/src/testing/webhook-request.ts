import { signPayload, type EventPayload } from '../events/build-events';

// Test-only: webhook deliveries as Stripe would make them, signed with the SDK.

export interface WebhookRequestOptions {
  /** The endpoint secret to sign with. */
  secret: string;
  /** Seconds since the epoch; default now (older than 5 minutes is stale). */
  timestamp?: number;
  /** Replaces the signature header entirely. */
  signature?: string;
  url?: string;
}

/** A POST to the webhook with `event` as its body and a Stripe-Signature header for it. */
export function webhookRequest(event: EventPayload, options: WebhookRequestOptions): Request {
  const payload = JSON.stringify(event);
  return new Request(options.url ?? 'http://localhost:3000/api/stripe/webhook', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature':
        options.signature ?? signPayload(payload, options.secret, options.timestamp),
    },
    body: payload,
  });
}
