'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { useTRPC } from '~/trpc/react';

/**
 * Re-reads everything a clinic's page shows after an action on the clinic: its registry row,
 * figures, grants, audit entries and moves all change with suspend, reactivate, retry or a move.
 */
export function useRefreshClinic(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all(
      [
        trpc.admin.clinic.pathKey(),
        trpc.admin.audit.pathKey(),
        trpc.admin.health.pathKey(),
        trpc.admin.access.pathKey(),
        trpc.admin.move.pathKey(),
        trpc.admin.backups.pathKey(),
        trpc.admin.offboarding.pathKey(),
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
  }, [trpc, queryClient]);
}
