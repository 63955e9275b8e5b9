import 'server-only';

import { consoleRouter, createConsoleCaller, createContext, requestMeta } from '@eventora/api';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCQueryOptions } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { cache, type ReactNode } from 'react';

import { services } from '~/server/services';
import { createQueryClient } from './query-client';

/**
 * The API's context for a server component: built from this request's headers (the cookie
 * carries the operator's session), exactly as /api/trpc builds it. No database client here.
 */
const createRscContext = cache(async () => {
  const incoming = await headers();
  const host = incoming.get('host') ?? 'localhost';
  const request = new Request(`http://${host}/`, { headers: new Headers(incoming) });
  return createContext(services(), requestMeta(request));
});

const getQueryClient = cache(createQueryClient);

/** Query options for prefetching in server components: `prefetch(trpc.admin.clinic.byId.queryOptions(…))`. */
export const trpc = createTRPCOptionsProxy({
  router: consoleRouter,
  ctx: createRscContext,
  queryClient: getQueryClient,
});

/** Calls procedures directly from server components (the operator check). */
export const caller = cache(async () => createConsoleCaller(await createRscContext()));

/** Sends what server components prefetched to the client's query cache. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/** Starts fetching on the server and awaits it, so the page renders with data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(options: T) {
  await getQueryClient()
    .prefetchQuery(options)
    .catch(() => undefined);
}
