'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useTRPC } from '~/trpc/react';

/**
 * A clinic's move: its status (polled every second while a move is in flight, so the bars,
 * the step and the freeze window move) and the actions on it. `onSettled` runs when a move
 * finishes or stops, so the page re-reads the registry (mode, status, version).
 */
export function useClinicMove(clinicId: string, onSettled: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery({
    ...trpc.admin.move.status.queryOptions({ clinicId }),
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.live || data?.current?.state === 'running' ? 1000 : false;
    },
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.admin.move.pathKey() });
    onSettled();
  };
  const start = useMutation(trpc.admin.move.start.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.admin.move.resume.mutationOptions({ onSuccess: refresh }));
  const rollback = useMutation(trpc.admin.move.rollback.mutationOptions({ onSuccess: refresh }));
  return { status, start, resume, rollback };
}
