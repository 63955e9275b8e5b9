import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { silentLogger, withRequestSpan } from '@eventora/observability';

import { createContext, requestMeta } from '../context';
import { isCrossSiteRequest } from '../request/same-origin';
import type { ApiServices } from '../services';

/**
 * Serves a tRPC router over fetch (Next.js route handlers). Refuses cross-site requests
 * before any procedure runs: state-changing ones with a foreign Origin, and every
 * cookie-bearing one (GET included) not proven same-origin (request/same-origin.ts). Each request runs in a server span and
 * gets a request id (answered in `x-request-id`); each call is logged once by the procedure
 * ladder (request/observe-call.ts), never with its input (inputs may hold passwords).
 */
export async function handleTrpcRequest(
  request: Request,
  {
    router,
    services,
    endpoint,
  }: { router: AnyTRPCRouter; services: ApiServices; endpoint: string },
): Promise<Response> {
  const meta = requestMeta(request);
  if (isCrossSiteRequest(meta)) {
    return Response.json({ error: { message: 'Cross-site request refused.' } }, { status: 403 });
  }
  const trusted = services.trustTraceparent ?? false;
  return withRequestSpan(
    `${request.method} ${endpoint}`,
    { traceparent: meta.traceparent ?? null, trusted },
    async (requestId) => {
      meta.requestId = requestId;
      const response = await fetchRequestHandler({
        endpoint,
        req: request,
        router,
        createContext: ({ resHeaders }) => createContext(services, meta, resHeaders),
        onError({ error, path }) {
          // Errors inside a procedure are logged with the call; these never reached one.
          if (path === undefined && error.code === 'INTERNAL_SERVER_ERROR') {
            (services.logger ?? silentLogger).error({ requestId, err: error }, 'request failed');
          }
        },
      });
      response.headers.set('x-request-id', requestId);
      return response;
    },
  );
}
