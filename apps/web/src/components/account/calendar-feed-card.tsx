'use client';

import { Button } from '@eventora/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { Input } from '@eventora/ui/input';
import { Label } from '@eventora/ui/label';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarSync, Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useServerError } from '~/i18n/server-error';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';

/**
 * A private calendar feed of one's bookings: the link is shown once (only its hash is kept), a
 * new link replaces the old one, and stopping the feed ends it at once.
 */
export function CalendarFeedCard({ owner }: { owner: 'client' | 'therapist' }) {
  const t = useTranslations('calendarFeed');
  const { formatStamp } = useFormat();
  const serverError = useServerError();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.calendarFeed.mine.queryOptions());
  const [url, setUrl] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.calendarFeed.mine.queryFilter());
  const create = useMutation(
    trpc.calendarFeed.create.mutationOptions({
      onSuccess: (feed) => {
        setUrl(feed.url);
        void refresh();
      },
      onError: (error) => toast.error(serverError.text(error)),
    }),
  );
  const revoke = useMutation(
    trpc.calendarFeed.revoke.mutationOptions({
      onSuccess: () => {
        setUrl(null);
        toast.success(t('stopped'));
        void refresh();
      },
      onError: (error) => toast.error(serverError.text(error)),
    }),
  );
  const activeSince = mine.data?.activeSince ?? null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>{t('description', { owner })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {mine.isPending ? (
          <Skeleton className="h-5 w-64" />
        ) : url ? (
          <div className="grid gap-2">
            <Label htmlFor="calendar-feed-url">{t('linkLabel')}</Label>
            <div className="flex gap-2">
              <Input
                id="calendar-feed-url"
                readOnly
                value={url}
                onFocus={(e) => e.target.select()}
              />
              <Button
                variant="outline"
                onClick={async () => {
                  await navigator.clipboard?.writeText(url);
                  toast.success(t('copied'));
                }}
              >
                <Copy aria-hidden />
                {t('copy')}
              </Button>
            </div>
            <p className="text-muted-foreground">
              {t.rich('howTo', {
                link: (chunks) => (
                  <a
                    className="text-primary underline-offset-4 hover:underline"
                    href={url.replace(/^https?:/, 'webcal:')}
                  >
                    {chunks}
                  </a>
                ),
              })}
            </p>
          </div>
        ) : activeSince ? (
          <p>{t('activeSince', { since: formatStamp(activeSince) })}</p>
        ) : (
          <p className="text-muted-foreground">{t('none')}</p>
        )}
      </CardContent>
      <CardFooter className="flex flex-wrap gap-2">
        <Button onClick={() => create.mutate()} disabled={create.isPending}>
          <CalendarSync aria-hidden />
          {activeSince ? t('newLink') : t('create')}
        </Button>
        {activeSince ? (
          <Button variant="outline" onClick={() => revoke.mutate()} disabled={revoke.isPending}>
            {t('stop')}
          </Button>
        ) : null}
      </CardFooter>
    </Card>
  );
}
