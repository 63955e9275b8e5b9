import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { StripeApiLocation } from '../providers/stripe-provider';

// Test-only: a local HTTP server that answers the Stripe API calls billing makes, so tests run
// the real `stripe` SDK (request encoding, auth, idempotency keys, errors) with no network.

/** A request the fake received, its form body decoded into nested objects and arrays. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  headers: Record<string, string | undefined>;
}

type Json = Record<string, unknown>;

export interface FakeStripe {
  api: StripeApiLocation;
  requests: RecordedRequest[];
  sessions: Map<string, Json>;
  products: Map<string, Json>;
  prices: Map<string, Json>;
  /** What Stripe does when the buyer pays: the session gets its payment intent. */
  attachPaymentIntent(sessionId: string, paymentIntentId: string): void;
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Json>();
  const products = new Map<string, Json>();
  const prices = new Map<string, Json>();
  const idempotent = new Map<string, { status: number; body: Json }>();
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_fake${String(++counter).padStart(6, '0')}`;

  function route(request: RecordedRequest): { status: number; body: Json } {
    const { method, path, body } = request;
    let match: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = nextId('cs_test');
      const session = {
        id,
        object: 'checkout.session',
        mode: body.mode,
        status: 'open',
        payment_status: 'unpaid',
        url: `https://checkout.stripe.test/c/pay/${id}`,
        metadata: body.metadata ?? {},
        client_reference_id: body.client_reference_id ?? null,
        payment_intent: null,
        success_url: body.success_url,
        cancel_url: body.cancel_url,
      };
      sessions.set(id, session);
      return ok(session);
    }
    if (method === 'GET' && path === '/v1/checkout/sessions') {
      const data = [...sessions.values()].filter(
        (session) => session.payment_intent === request.query.payment_intent,
      );
      return ok({ object: 'list', data, has_more: false, url: '/v1/checkout/sessions' });
    }
    if (method === 'POST' && path === '/v1/products') {
      const product = { id: nextId('prod'), object: 'product', active: true, ...body };
      products.set(product.id, product);
      return ok(product);
    }
    if ((match = path.match(/^\/v1\/products\/([^/]+)$/)) && method === 'POST') {
      const product = products.get(match[1]!);
      if (!product) return missing('product', match[1]!);
      Object.assign(product, body);
      return ok(product);
    }
    if (method === 'POST' && path === '/v1/prices') {
      const price = {
        id: nextId('price'),
        object: 'price',
        active: true,
        product: body.product,
        currency: body.currency,
        unit_amount: Number(body.unit_amount),
        metadata: body.metadata ?? {},
      };
      prices.set(price.id, price);
      return ok(price);
    }
    if ((match = path.match(/^\/v1\/prices\/([^/]+)$/))) {
      const price = prices.get(match[1]!);
      if (!price) return missing('price', match[1]!);
      if (method === 'POST') Object.assign(price, { active: body.active !== 'false' });
      return ok(price);
    }
    return { status: 404, body: stripeError(`Unrecognized request URL (${method}: ${path}).`) };
  }

  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://fake-stripe');
      const headers = Object.fromEntries(
        Object.entries(incoming.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(',') : value,
        ]),
      );
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: decodeForm(Buffer.concat(chunks).toString('utf8')),
        headers,
      };
      requests.push(request);
      const key = headers['idempotency-key'];
      let response = key ? idempotent.get(key) : undefined;
      if (!headers.authorization?.startsWith('Bearer sk_test_')) {
        response = { status: 401, body: stripeError('Invalid API Key provided.') };
      }
      response ??= route(request);
      if (key) idempotent.set(key, response);
      outgoing.writeHead(response.status, {
        'content-type': 'application/json',
        'request-id': `req_fake${requests.length}`,
      });
      outgoing.end(JSON.stringify(response.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    api: { host: '127.0.0.1', port, protocol: 'http' },
    requests,
    sessions,
    products,
    prices,
    attachPaymentIntent(sessionId, paymentIntentId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`The fake Stripe has no session ${sessionId}.`);
      Object.assign(session, { payment_intent: paymentIntentId, status: 'complete' });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function ok(body: Json): { status: number; body: Json } {
  return { status: 200, body };
}

function missing(kind: string, id: string): { status: number; body: Json } {
  return {
    status: 404,
    body: { error: { ...stripeError(`No such ${kind}: '${id}'`).error, code: 'resource_missing' } },
  };
}

function stripeError(message: string): { error: Json } {
  return { error: { type: 'invalid_request_error', message } };
}

/** `a[b][0][c]=v` form encoding (what the SDK sends) into nested objects and arrays. */
export function decodeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((part) => part !== '');
    let node: Record<string, unknown> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
      } else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return arraysOf(root) as Record<string, unknown>;
}

function arraysOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, inner]) => [key, arraysOf(inner)] as const,
  );
  const numeric = entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key));
  return numeric
    ? entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, inner]) => inner)
    : Object.fromEntries(entries);
}
