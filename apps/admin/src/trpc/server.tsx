import 'server-only';

import { consoleRouter, createConsoleCaller, createContext, requestMeta } from '@eventora/api';
import { createServerTRPC, requestFromHeaders } from '@eventora/ui/trpc-server';
import { headers } from 'next/headers';

import { services } from '~/server/services';
import { createQueryClient } from './query-client';

/**
 * tRPC for server components. The context comes from this request's headers (the cookie
 * carries the operator's session), exactly as /api/trpc builds it. No database client here.
 */
export const { trpc, caller, HydrateClient, prefetch } = createServerTRPC({
  router: consoleRouter,
  // headers() first: it marks the page dynamic (no prerender at build time) before services()
  // reads the runtime configuration.
  createContext: async () => {
    const request = requestFromHeaders(await headers());
    return createContext(services(), requestMeta(request));
  },
  createCaller: createConsoleCaller,
  createQueryClient: () => createQueryClient(),
});
