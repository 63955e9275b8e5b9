'use client';

import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';

import { useTRPC } from '~/trpc/react';

export interface MergedSlot {
  /** ISO start: the slot's identity. */
  key: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** Therapists free at this time (several when booking "any"). */
  therapistIds: string[];
}

/**
 * Free slots at one branch for one or several therapists ("any"), merged by start time. Each
 * therapist's availability is one query, cached and refreshed independently.
 */
export function useSlots({
  branchId,
  therapistIds,
  serviceId,
  from,
  to,
  enabled = true,
}: {
  branchId: string | undefined;
  therapistIds: string[];
  /** The service booked (its length); the therapist's standard session without. */
  serviceId?: string;
  from: Date;
  to: Date;
  enabled?: boolean;
}) {
  const trpc = useTRPC();
  const results = useQueries({
    queries: therapistIds.map((therapistId) =>
      trpc.therapist.availability.queryOptions(
        { therapistId, branchId: branchId!, from, to, ...(serviceId ? { serviceId } : {}) },
        { enabled: enabled && Boolean(branchId), staleTime: 15_000, refetchOnWindowFocus: true },
      ),
    ),
  });
  const pending = results.some((r) => r.isPending && r.fetchStatus !== 'idle');
  const failed = results.find((r) => r.isError);
  const dataKey = results.map((r) => r.dataUpdatedAt).join(',');
  const slots = useMemo(() => {
    const merged = new Map<string, MergedSlot>();
    for (const result of results) {
      for (const slot of result.data?.slots ?? []) {
        const key = slot.startsAt.toISOString();
        const existing = merged.get(key);
        if (existing) existing.therapistIds.push(result.data!.therapistId);
        else
          merged.set(key, {
            key,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            timeZone: slot.timeZone,
            therapistIds: [result.data!.therapistId],
          });
      }
    }
    return [...merged.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataKey]);
  return {
    slots,
    pending,
    error: failed?.error,
    refetch: () => Promise.all(results.map((r) => r.refetch())),
  };
}
