import { dehydrate, HydrationBoundary, type QueryClient } from '@tanstack/react-query';
import type { AnyTRPCRouter, inferRouterContext } from '@trpc/server';
import { createTRPCOptionsProxy, type TRPCQueryOptions } from '@trpc/tanstack-react-query';
import { cache, type ReactNode } from 'react';

/**
 * The request a server component stands for, rebuilt from its headers (host and cookie), so the
 * API's context is made exactly as the app's /api/trpc route makes it.
 */
export function requestFromHeaders(incoming: Headers): Request {
  const host = incoming.get('host') ?? 'localhost';
  return new Request(`http://${host}/`, { headers: new Headers(incoming) });
}

/**
 * tRPC for an app's server components (one per app, in `src/trpc/server.tsx` behind
 * `server-only`): query options to prefetch, a direct caller, and the boundary that hands what
 * was prefetched to the browser's query cache. The context and the query client are made once
 * per request (React's `cache`).
 */
export function createServerTRPC<TRouter extends AnyTRPCRouter, TCaller>({
  router,
  createContext,
  createCaller,
  createQueryClient,
}: {
  router: TRouter;
  /** This request's API context (usually from `requestFromHeaders(await headers())`). */
  createContext: () => Promise<inferRouterContext<TRouter>>;
  createCaller: (ctx: inferRouterContext<TRouter>) => TCaller;
  createQueryClient: () => QueryClient;
}) {
  const ctx = cache(createContext);
  const getQueryClient = cache(createQueryClient);

  /** Sends what server components prefetched to the client's query cache. */
  function HydrateClient({ children }: { children: ReactNode }) {
    return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
  }

  return {
    /** Query options for prefetching: `prefetch(trpc.branch.list.queryOptions())`. */
    trpc: createTRPCOptionsProxy<TRouter>({ router, ctx, queryClient: getQueryClient }),
    /** Calls procedures directly (gating, branding, the operator check). */
    caller: cache(async () => createCaller(await ctx())),
    HydrateClient,
    /** Starts fetching on the server and awaits it, so the page renders with data. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    prefetch: async <T extends ReturnType<TRPCQueryOptions<any>>>(options: T) => {
      await getQueryClient()
        .prefetchQuery(options)
        .catch(() => undefined);
    },
  };
}
