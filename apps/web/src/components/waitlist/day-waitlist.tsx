'use client';

import { Badge } from '@eventora/ui/badge';
import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import type { DayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';

/** Staff: who waits for this day, in the order they joined (the order offers go out in). */
export function DayWaitlist({ day }: { day: DayKey }) {
  const { formatTime } = useFormat();
  const t = useTranslations('waitlist');
  const trpc = useTRPC();
  const list = useQuery(trpc.waitlist.forDay.queryOptions({ day }));
  if (list.isPending) return null;
  if (list.isError) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  if (list.data.items.length === 0) return null;
  return (
    <section aria-labelledby="day-waitlist" className="grid gap-2">
      <h3 id="day-waitlist" className="font-semibold">
        {t('dayTitle', { count: list.data.items.length })}
      </h3>
      <ol className="grid gap-1 text-sm">
        {list.data.items.map((entry) => (
          <li key={entry.id} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{entry.client.name}</span>
            <span className="text-muted-foreground">
              {entry.branch.name} · {entry.therapist?.name ?? t('anyTherapist')}
            </span>
            <Badge variant={entry.status === 'offered' ? 'success' : 'secondary'}>
              {t(`status.${entry.status}`)}
            </Badge>
            {entry.status === 'offered' && entry.offer ? (
              <span className="text-muted-foreground">
                {t('heldUntil', {
                  time: formatTime(entry.offer.startsAt, entry.branch.timeZone),
                  until: formatTime(entry.offer.expiresAt, entry.branch.timeZone),
                })}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
