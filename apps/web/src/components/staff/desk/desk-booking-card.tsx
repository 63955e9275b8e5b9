'use client';

import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { cn } from '@eventora/ui/cn';
import { errorMessage } from '@eventora/ui/error-message';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { subHours } from 'date-fns';
import { NotebookPen, Wallet } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import { NotesSheet } from './notes-sheet';
import { TakePaymentDialog } from './take-payment-dialog';
import type { DeskPayment, DeskReservation } from './use-desk-day';

/** Arrivals open this long before the session (the API's rule, `ARRIVAL_OPENS_HOURS`). */
const ARRIVAL_OPENS_HOURS = 2;

/** Where a session stands, as the desk reads it (its name is `staff.desk.state.<key>`). */
function stateOf(r: DeskReservation): {
  key: 'cancelled' | 'completed' | 'no_show' | 'arrived' | 'expected';
  variant: 'success' | 'secondary' | 'warning' | 'destructive' | 'outline';
} {
  if (r.status === 'cancelled') return { key: 'cancelled', variant: 'destructive' };
  if (r.status === 'completed') return { key: 'completed', variant: 'secondary' };
  if (r.status === 'no_show') return { key: 'no_show', variant: 'warning' };
  if (r.arrivedAt) return { key: 'arrived', variant: 'success' };
  return { key: 'expected', variant: 'outline' };
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
  const t = useTranslations('staff.desk');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [paying, setPaying] = useState(false);
  const [notesOpen, setNotesOpen] = useState(false);
  const mark = useMutation(
    trpc.reservation.markAttendance.mutationOptions({
      onSuccess: ({ reservation, creditReturned }, { outcome }) => {
        toast.success(
          t('marked', {
            name: reservation.client.name,
            outcome,
            credit: creditReturned ? 'returned' : 'kept',
          }),
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
          {r.service?.name ?? t('session')} · {r.branch.name}
        </p>
      </div>
      <div className="flex flex-wrap gap-1.5">
        <Badge variant={state.variant}>{t(`state.${state.key}`)}</Badge>
        {r.payment === 'desk' ? (
          payment ? (
            <Badge variant="secondary">
              {t('paid', {
                method: t(`methods.${payment.method}`),
                amount: formatMoney(payment.amountCents, payment.currency),
              })}
            </Badge>
          ) : (
            <Badge variant="warning">{t('payAtDesk')}</Badge>
          )
        ) : (
          <Badge variant="outline">{t('credit')}</Badge>
        )}
      </div>
      {r.status !== 'cancelled' ? (
        <div className="flex flex-wrap gap-2">
          {booked && !r.arrivedAt ? (
            <Button
              size="sm"
              disabled={!arrivalsOpen || mark.isPending}
              loading={pending === 'arrived'}
              title={arrivalsOpen ? undefined : t('arrivalsOpen')}
              onClick={() => mark.mutate({ id: r.id, outcome: 'arrived' })}
            >
              {t('state.arrived')}
            </Button>
          ) : null}
          {booked ? (
            <>
              <Button
                size="sm"
                variant="outline"
                disabled={!started || mark.isPending}
                loading={pending === 'completed'}
                title={started ? undefined : t('onceStarted')}
                onClick={() => mark.mutate({ id: r.id, outcome: 'completed' })}
              >
                {t('state.completed')}
              </Button>
              {r.arrivedAt ? null : (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={!started || mark.isPending}
                  loading={pending === 'no_show'}
                  title={started ? undefined : t('onceStarted')}
                  onClick={() => mark.mutate({ id: r.id, outcome: 'no_show' })}
                >
                  {t('state.no_show')}
                </Button>
              )}
            </>
          ) : null}
          {canManage && r.payment === 'desk' && !payment ? (
            <Button size="sm" variant="outline" onClick={() => setPaying(true)}>
              <Wallet /> {t('takePayment')}
            </Button>
          ) : null}
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setNotesOpen(true)}
            aria-label={t('notesFor', { name: r.client.name })}
          >
            <NotebookPen /> {t('notes')}
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
