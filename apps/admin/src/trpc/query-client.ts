import {
  defaultShouldDehydrateQuery,
  MutationCache,
  QueryCache,
  QueryClient,
} from '@tanstack/react-query';
import SuperJSON from 'superjson';

/**
 * One QueryClient per request on the server, one per tab in the browser. `onError` sees every
 * failed query and mutation (the browser's client sends an operator whose session ended to
 * sign in).
 */
export function createQueryClient(onError?: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Server-rendered data stays fresh long enough not to be fetched again on hydration.
        staleTime: 15 * 1000,
        retry: (failures, error) => failures < 2 && !isClientError(error),
      },
      mutations: { retry: false },
      dehydrate: {
        serializeData: SuperJSON.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: SuperJSON.deserialize },
    },
  });
}

/** 4xx answers (not signed in, not found, bad input) do not get better by retrying. */
function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof status === 'number' && status >= 400 && status < 500;
}
