'use client';

import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { cn } from '@eventora/ui/cn';
import { errorMessage } from '@eventora/ui/error-message';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { subHours } from 'date-fns';
import { NotebookPen, Wallet } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import { NotesSheet } from './notes-sheet';
import { PAYMENT_METHODS } from './payment-methods';
import { TakePaymentDialog } from './take-payment-dialog';
import type { DeskPayment, DeskReservation } from './use-desk-day';

/** Arrivals open this long before the session (the API's rule, `ARRIVAL_OPENS_HOURS`). */
const ARRIVAL_OPENS_HOURS = 2;

const OUTCOME = {
  arrived: 'arrived',
  completed: 'completed',
  no_show: 'a no-show',
} as const;

/** Where a session stands, as the desk reads it. */
function stateOf(r: DeskReservation): {
  label: string;
  variant: 'success' | 'secondary' | 'warning' | 'destructive' | 'outline';
} {
  if (r.status === 'cancelled') return { label: 'Cancelled', variant: 'destructive' };
  if (r.status === 'completed') return { label: 'Completed', variant: 'secondary' };
  if (r.status === 'no_show') return { label: 'No-show', variant: 'warning' };
  if (r.arrivedAt) return { label: 'Arrived', variant: 'success' };
  return { label: 'Expected', variant: 'outline' };
}

/** One session at the desk: who and when, its state, and what the desk does next. */
export function DeskBookingCard({
  reservation: r,
  payment,
  canManage,
  now,
}: {
  reservation: DeskReservation;
  payment?: DeskPayment;
  canManage: boolean;
  now: Date;
}) {
  const { formatTime, formatMoney } = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [paying, setPaying] = useState(false);
  const [notesOpen, setNotesOpen] = useState(false);
  const mark = useMutation(
    trpc.reservation.markAttendance.mutationOptions({
      onSuccess: ({ reservation, creditReturned }, { outcome }) => {
        toast.success(
          `${reservation.client.name} marked ${OUTCOME[outcome]}.${creditReturned ? ' The credit went back to their package.' : ''}`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const tz = r.branch.timeZone;
  const state = stateOf(r);
  const booked = r.status === 'booked';
  const started = now >= r.startsAt;
  const arrivalsOpen = now >= subHours(r.startsAt, ARRIVAL_OPENS_HOURS);
  const pending = mark.isPending ? mark.variables.outcome : undefined;
  return (
    <article
      aria-label={`${formatTime(r.startsAt, tz)} ${r.client.name}`}
      className={cn(
        'bg-card grid gap-3 rounded-xl border p-3',
        r.status === 'cancelled' && 'opacity-60',
      )}
    >
      <div className="grid min-w-0 gap-0.5">
        <p className="text-sm font-semibold tabular-nums">
          {formatTime(r.startsAt, tz)}–{formatTime(r.endsAt, tz)}
        </p>
        <p className="truncate font-medium">
          {canManage ? (
            <Link
              href={`/staff/clients/${r.client.id}`}
              className="underline-offset-4 hover:underline"
            >
              {r.client.name}
            </Link>
          ) : (
            r.client.name
          )}
        </p>
        <p className="text-muted-foreground truncate text-sm">
          {r.service?.name ?? 'Session'} · {r.branch.name}
        </p>
      </div>
      <div className="flex flex-wrap gap-1.5">
        <Badge variant={state.variant}>{state.label}</Badge>
        {r.payment === 'desk' ? (
          payment ? (
            <Badge variant="secondary">
              Paid · {PAYMENT_METHODS[payment.method]}{' '}
              {formatMoney(payment.amountCents, payment.currency)}
            </Badge>
          ) : (
            <Badge variant="warning">Pay at desk</Badge>
          )
        ) : (
          <Badge variant="outline">Credit</Badge>
        )}
      </div>
      {r.status !== 'cancelled' ? (
        <div className="flex flex-wrap gap-2">
          {booked && !r.arrivedAt ? (
            <Button
              size="sm"
              disabled={!arrivalsOpen || mark.isPending}
              loading={pending === 'arrived'}
              title={arrivalsOpen ? undefined : 'Arrivals open two hours before the session.'}
              onClick={() => mark.mutate({ id: r.id, outcome: 'arrived' })}
            >
              Arrived
            </Button>
          ) : null}
          {booked ? (
            <>
              <Button
                size="sm"
                variant="outline"
                disabled={!started || mark.isPending}
                loading={pending === 'completed'}
                title={started ? undefined : 'Once the session has started.'}
                onClick={() => mark.mutate({ id: r.id, outcome: 'completed' })}
              >
                Completed
              </Button>
              {r.arrivedAt ? null : (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={!started || mark.isPending}
                  loading={pending === 'no_show'}
                  title={started ? undefined : 'Once the session has started.'}
                  onClick={() => mark.mutate({ id: r.id, outcome: 'no_show' })}
                >
                  No-show
                </Button>
              )}
            </>
          ) : null}
          {canManage && r.payment === 'desk' && !payment ? (
            <Button size="sm" variant="outline" onClick={() => setPaying(true)}>
              <Wallet /> Take payment
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setNotesOpen(true)}
            aria-label={`Notes for ${r.client.name}`}
          >
            <NotebookPen /> Notes
          </Button>
        </div>
      ) : null}
      {canManage ? (
        <TakePaymentDialog reservation={r} open={paying} onOpenChange={setPaying} />
      ) : null}
      <NotesSheet reservation={r} open={notesOpen} onOpenChange={setNotesOpen} />
    </article>
  );
}
