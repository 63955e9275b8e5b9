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
import { errorMessage } from '@eventora/ui/error-message';
import { Input } from '@eventora/ui/input';
import { Label } from '@eventora/ui/label';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarSync, Copy } from 'lucide-react';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';

const since = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A private calendar feed of one's bookings: the link is shown once (only its hash is kept), a
 * new link replaces the old one, and stopping the feed ends it at once.
 */
export function CalendarFeedCard({ what }: { what: string }) {
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
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const revoke = useMutation(
    trpc.calendarFeed.revoke.mutationOptions({
      onSuccess: () => {
        setUrl(null);
        toast.success('Your calendar feed is stopped.');
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const activeSince = mine.data?.activeSince ?? null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Calendar feed</CardTitle>
        <CardDescription>
          {what} in your own calendar app (Google, Apple, Outlook), kept up to date: subscribe to a
          private link. Anyone with the link can see them, so keep it to yourself.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {mine.isPending ? (
          <Skeleton className="h-5 w-64" />
        ) : url ? (
          <div className="grid gap-2">
            <Label htmlFor="calendar-feed-url">Your link (shown only now: copy it)</Label>
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
                  toast.success('Link copied.');
                }}
              >
                <Copy aria-hidden />
                Copy
              </Button>
            </div>
            <p className="text-muted-foreground">
              In your calendar app choose “Subscribe” or “From URL” and paste it, or{' '}
              <a
                className="text-primary underline-offset-4 hover:underline"
                href={url.replace(/^https?:/, 'webcal:')}
              >
                open it in your calendar app
              </a>
              .
            </p>
          </div>
        ) : activeSince ? (
          <p>
            A feed is on since {since.format(activeSince)}. Lost the link? Make a new one: the old
            one stops working.
          </p>
        ) : (
          <p className="text-muted-foreground">No feed yet.</p>
        )}
      </CardContent>
      <CardFooter className="flex flex-wrap gap-2">
        <Button onClick={() => create.mutate()} disabled={create.isPending}>
          <CalendarSync aria-hidden />
          {activeSince ? 'Make a new link' : 'Create a calendar link'}
        </Button>
        {activeSince ? (
          <Button variant="outline" onClick={() => revoke.mutate()} disabled={revoke.isPending}>
            Stop the feed
          </Button>
        ) : null}
      </CardFooter>
    </Card>
  );
}
