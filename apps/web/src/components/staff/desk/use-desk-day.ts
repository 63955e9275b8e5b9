'use client';

import { useQuery } from '@tanstack/react-query';
import { addDays, subDays } from 'date-fns';
import { useMemo } from 'react';

import { addDaysToKey, startOfDayKey, type DayKey } from '~/lib/time';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

export type DeskReservation = RouterOutputs['reservation']['list']['items'][number];
export type DeskPayment = RouterOutputs['desk']['payments'][number];

/** How far back a session's payment is looked for (paid ahead when it was booked). */
const PAID_AHEAD_DAYS = 30;

/**
 * One day at the desk: its sessions (a therapist's own only, for a therapist), the therapists
 * to show them under, and (staff) the payments taken for them.
 */
export function useDeskDay({
  day,
  timeZone,
  canManage,
}: {
  day: DayKey;
  timeZone: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const from = useMemo(() => startOfDayKey(day, timeZone), [day, timeZone]);
  const to = useMemo(() => startOfDayKey(addDaysToKey(day, 1), timeZone), [day, timeZone]);
  const reservations = useQuery(
    trpc.reservation.list.queryOptions({ from, to, limit: 100 }, { refetchInterval: 60_000 }),
  );
  const therapists = useQuery(trpc.therapist.list.queryOptions({}, { enabled: canManage }));
  const payments = useQuery(
    trpc.desk.payments.queryOptions(
      { from: subDays(from, PAID_AHEAD_DAYS), to: addDays(to, 1), limit: 200 },
      { enabled: canManage },
    ),
  );
  const items = reservations.data?.items ?? [];
  const paidBy = new Map<string, DeskPayment>();
  for (const payment of payments.data ?? []) {
    if (payment.reservationId && !paidBy.has(payment.reservationId))
      paidBy.set(payment.reservationId, payment);
  }
  // Staff see every therapist (an empty column says "free all day"); a therapist their own.
  const columns = canManage
    ? (therapists.data ?? []).map((t) => ({ id: t.id, name: t.name }))
    : [...new Map(items.map((r) => [r.therapist.id, r.therapist])).values()];
  for (const r of items) {
    if (!columns.some((c) => c.id === r.therapist.id)) columns.push(r.therapist);
  }
  return {
    reservations,
    pending: reservations.isPending || (canManage && therapists.isPending),
    groups: columns.map((column) => ({
      therapist: column,
      items: items.filter((r) => r.therapist.id === column.id),
    })),
    paidBy,
    count: items.filter((r) => r.status !== 'cancelled').length,
  };
}
