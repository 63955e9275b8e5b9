'use client';

import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { LoadError } from '@eventora/ui/load-error';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Hourglass } from 'lucide-react';
import { useTranslations } from 'next-intl';

import type { RouterOutputs } from '~/trpc/outputs';
import { useFormat } from '~/i18n/use-format';
import { useServerError } from '~/i18n/server-error';
import { useTRPC } from '~/trpc/react';

type Entry = RouterOutputs['waitlist']['mine']['items'][number];

/**
 * The client's waitlist: the days they wait for, and a time offered to them (held until its
 * hold runs out) to book with one tap. Renders nothing while they wait for nothing.
 */
export function MyWaitlist({ highlight }: { highlight?: string }) {
  const trpc = useTRPC();
  const t = useTranslations('waitlist');
  const mine = useQuery(trpc.waitlist.mine.queryOptions());
  if (mine.isPending) return null;
  if (mine.isError) return <LoadError error={mine.error} onRetry={() => mine.refetch()} />;
  if (mine.data.items.length === 0) return null;
  return (
    <section aria-labelledby="my-waitlist" className="grid gap-3">
      <h2 id="my-waitlist" className="text-lg font-semibold">
        {t('title')}
      </h2>
      {mine.data.items.map((entry) => (
        <WaitlistCard key={entry.id} entry={entry} highlighted={entry.id === highlight} />
      ))}
    </section>
  );
}

function WaitlistCard({ entry, highlighted }: { entry: Entry; highlighted: boolean }) {
  const { formatTime, formatLongDay } = useFormat();
  const t = useTranslations('waitlist');
  const serverError = useServerError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.waitlist.mine.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.wallet.list.pathKey() });
  };
  const accept = useMutation(
    trpc.waitlist.accept.mutationOptions({
      onSuccess: () => toast.success(t('booked')),
      onError: (error) => toast.error(serverError.text(error)),
      onSettled: refresh,
    }),
  );
  const leave = useMutation(
    trpc.waitlist.leave.mutationOptions({
      onSuccess: () => toast.success(t('left')),
      onError: (error) => toast.error(serverError.text(error)),
      onSettled: refresh,
    }),
  );
  const tz = entry.branch.timeZone;
  const day = formatLongDay(new Date(`${entry.day}T12:00:00Z`), 'UTC');
  const offer = entry.status === 'offered' ? entry.offer : null;
  return (
    <article
      aria-label={t('cardLabel', { day })}
      className={`bg-card grid gap-3 rounded-xl border p-4 text-sm ${highlighted ? 'ring-primary ring-2' : ''}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Hourglass className="size-4" aria-hidden />
        <span className="font-semibold">{day}</span>
        <Badge variant={offer ? 'success' : 'secondary'}>
          {offer ? t('timeOpened') : t('waiting')}
        </Badge>
      </div>
      <p className="text-muted-foreground">
        {entry.branch.name} ·{' '}
        {entry.therapist ? t('withTherapist', { name: entry.therapist.name }) : t('anyTherapist')}
      </p>
      {offer ? (
        <p>
          {t('offer', {
            from: formatTime(offer.startsAt, tz),
            to: formatTime(offer.endsAt, tz),
            therapist: offer.therapist.name,
            until: formatTime(offer.expiresAt, tz),
          })}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {offer ? (
          <Button
            size="sm"
            loading={accept.isPending}
            onClick={() => accept.mutate({ id: entry.id })}
          >
            {t('bookThis')}
          </Button>
        ) : null}
        <Button
          size="sm"
          variant="outline"
          loading={leave.isPending}
          onClick={() => leave.mutate({ id: entry.id })}
        >
          {t('leave')}
        </Button>
      </div>
    </article>
  );
}
