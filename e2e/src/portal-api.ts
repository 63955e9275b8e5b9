import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import superjson from 'superjson';

import { ports } from './run-env';

export interface TrpcAnswer<T = unknown> {
  status: number;
  data?: T;
  error?: { message: string; code: string; fields: { field: string; message: string }[] };
  setCookie: string | null;
}

/**
 * A raw HTTP client of one app's tRPC endpoint, as an API client or an attacker would use it:
 * it sends exactly the Host, cookie, bearer and x-clinic headers a test gives it (plus the
 * `Sec-Fetch-Site` a browser sends with a cookie, see withSite), and nothing else: each call gets a fresh request context, so no cookie set by an earlier answer rides
 * along. Node does not resolve *.localhost, so requests go to 127.0.0.1 with the clinic's Host.
 */
export class TrpcHttp {
  private constructor(
    private readonly baseURL: string,
    private readonly host: string,
  ) {}

  static portal(slug: string | null): TrpcHttp {
    const { web } = ports();
    return new TrpcHttp(
      `http://127.0.0.1:${web}`,
      slug ? `${slug}.localhost:${web}` : `localhost:${web}`,
    );
  }

  static console(): TrpcHttp {
    const { console: port } = ports();
    return new TrpcHttp(`http://127.0.0.1:${port}`, `localhost:${port}`);
  }

  async query<T>(
    path: string,
    input: unknown,
    headers: Record<string, string> = {},
  ): Promise<TrpcAnswer<T>> {
    const search =
      input === undefined
        ? ''
        : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    return this.send<T>((context) =>
      context.get(`/api/trpc/${path}${search}`, {
        headers: { host: this.host, ...this.withSite(headers) },
      }),
    );
  }

  async mutation<T>(
    path: string,
    input: unknown,
    headers: Record<string, string> = {},
  ): Promise<TrpcAnswer<T>> {
    return this.send<T>((context) =>
      context.post(`/api/trpc/${path}`, {
        headers: { host: this.host, 'content-type': 'application/json', ...this.withSite(headers) },
        data: JSON.stringify(input === undefined ? {} : superjson.serialize(input)),
      }),
    );
  }

  /** Nothing to release: every call opens and closes its own request context. */
  async dispose(): Promise<void> {}

  /**
   * A session cookie is a browser's credential, and the server only accepts it from the app's
   * own page (packages/api/src/request/same-origin.ts): unless the test sets `origin` or
   * `sec-fetch-site` itself, a cookie goes with what a same-origin page sends.
   */
  private withSite(headers: Record<string, string>): Record<string, string> {
    const names = Object.keys(headers).map((name) => name.toLowerCase());
    const browserSite =
      names.includes('cookie') && !names.includes('origin') && !names.includes('sec-fetch-site');
    return browserSite ? { 'sec-fetch-site': 'same-origin', ...headers } : headers;
  }

  private async send<T>(
    call: (context: APIRequestContext) => Promise<APIResponse>,
  ): Promise<TrpcAnswer<T>> {
    const context = await request.newContext({ baseURL: this.baseURL });
    try {
      return await answer<T>(await call(context));
    } finally {
      await context.dispose();
    }
  }
}

async function answer<T>(response: APIResponse): Promise<TrpcAnswer<T>> {
  const body = (await response.json().catch(() => ({}))) as {
    result?: { data?: { json?: T; meta?: Parameters<typeof superjson.deserialize>[0]['meta'] } };
    error?: {
      json?: {
        message: string;
        data?: { code: string; fields?: { field: string; message: string }[] };
      };
    };
  };
  return {
    status: response.status(),
    data: body.result?.data
      ? superjson.deserialize<T>({
          json: body.result.data.json as never,
          meta: body.result.data.meta,
        })
      : undefined,
    error: body.error?.json
      ? {
          message: body.error.json.message,
          code: body.error.json.data?.code ?? 'UNKNOWN',
          fields: body.error.json.data?.fields ?? [],
        }
      : undefined,
    setCookie: response.headers()['set-cookie'] ?? null,
  };
}
