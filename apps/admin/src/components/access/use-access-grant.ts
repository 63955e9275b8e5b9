'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';

import { useTRPC } from '~/trpc/react';

/**
 * An access grant and whether it is still active: it ends when its countdown runs out or the
 * operator ends it, and from then on what was read through it leaves the cache.
 */
export function useAccessGrant(grantId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const grant = useQuery(trpc.admin.access.byId.queryOptions({ grantId }));
  const [endedLocally, setEndedLocally] = useState(false);

  const forgetReads = useCallback(() => {
    queryClient.removeQueries({ queryKey: trpc.admin.access.reservations.pathKey() });
    queryClient.removeQueries({ queryKey: trpc.admin.access.clients.pathKey() });
  }, [queryClient, trpc]);

  const onEnd = useCallback(() => {
    setEndedLocally(true);
    void queryClient.invalidateQueries({ queryKey: trpc.admin.access.pathKey() });
  }, [queryClient, trpc]);

  const close = useMutation(
    trpc.admin.access.close.mutationOptions({
      onSuccess: () => {
        // What was read stays out of the cache once access ends.
        forgetReads();
        void queryClient.invalidateQueries({ queryKey: trpc.admin.access.pathKey() });
      },
    }),
  );

  const active = grant.data?.state === 'active' && !endedLocally;
  useEffect(() => {
    if (grant.data && !active) forgetReads();
  }, [active, grant.data, forgetReads]);

  return { grant, active, onEnd, close };
}
