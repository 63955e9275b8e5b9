'use client';

import type { ConsoleRouter } from '@eventora/api';
import { errorCode } from '@eventora/ui/error-message';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import SuperJSON from 'superjson';

import { createQueryClient } from './query-client';

export const { useTRPC, useTRPCClient, TRPCProvider } = createTRPCContext<ConsoleRouter>();

/** A session that ended (expired, signed out elsewhere) sends the operator back to sign in. */
function signInAgainWhenSignedOut(error: unknown) {
  if (errorCode(error) !== 'UNAUTHORIZED' || typeof window === 'undefined') return;
  if (window.location.pathname.startsWith('/sign-in')) return;
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  // Outside React (a cache callback): a full load also drops every cached answer.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/sign-in?next=${next}`);
}

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // The server renders each request with its own client; the browser keeps one.
  if (typeof window === 'undefined') return createQueryClient();
  browserQueryClient ??= createQueryClient(signInAgainWhenSignedOut);
  return browserQueryClient;
}

/** tRPC and TanStack Query for the console's client components (this host's /api/trpc). */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<ConsoleRouter>({
      links: [httpBatchLink({ transformer: SuperJSON, url: '/api/trpc' })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
