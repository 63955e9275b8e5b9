import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { createContext, requestMeta } from '../context';
import { isForeignOrigin } from '../request/same-origin';
import type { ApiServices } from '../services';

/**
 * Serves a tRPC router over fetch (Next.js route handlers). Refuses cross-site
 * state-changing requests before any procedure runs, and logs internal errors server-side
 * with their path only (inputs may hold passwords).
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
  if (isForeignOrigin(meta)) {
    return Response.json({ error: { message: 'Cross-site request refused.' } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint,
    req: request,
    router,
    createContext: ({ resHeaders }) => createContext(services, meta, resHeaders),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`[api] ${path ?? '(unknown path)'} failed:`, error.cause ?? error);
      }
    },
  });
}
