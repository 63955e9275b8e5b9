'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';

import { useTRPC } from '~/trpc/react';

/** Signs out (this device, or everywhere) and returns to the sign-in page with a clean cache. */
export function useSignOut() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        router.replace('/sign-in');
        router.refresh();
      },
    }),
  );
}
