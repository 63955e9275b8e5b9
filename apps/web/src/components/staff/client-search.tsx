'use client';

import { Button } from '@eventora/ui/button';
import { Input } from '@eventora/ui/input';
import { Label } from '@eventora/ui/label';
import { LoadError } from '@eventora/ui/load-error';
import { Skeleton } from '@eventora/ui/skeleton';
import { useDebounced } from '@eventora/ui/use-debounced';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ChevronRight, Search, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';

import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

export type ClientRow = RouterOutputs['client']['list']['items'][number];

/** Search the clinic's clients by name or email, a page at a time; `renderRow` draws each. */
export function ClientSearch({
  renderRow,
  autoFocus,
}: {
  renderRow: (client: ClientRow) => ReactNode;
  autoFocus?: boolean;
}) {
  const t = useTranslations('staff.clients');
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const search = useDebounced(text.trim());
  const clients = useInfiniteQuery(
    trpc.client.list.infiniteQueryOptions(
      { limit: 25, ...(search ? { search } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const rows = clients.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="grid gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="client-search">{t('search')}</Label>
        <div className="relative">
          <Search
            className="text-muted-foreground pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2"
            aria-hidden
          />
          <Input
            id="client-search"
            type="search"
            placeholder={t('searchPlaceholder')}
            className="pl-9"
            value={text}
            autoFocus={autoFocus}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
      </div>
      {clients.isPending ? (
        <div className="grid gap-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-14 rounded-lg" />
          ))}
        </div>
      ) : clients.isError ? (
        <LoadError error={clients.error} onRetry={() => clients.refetch()} />
      ) : rows.length === 0 ? (
        <p className="text-muted-foreground rounded-lg border border-dashed p-6 text-center text-sm">
          {search ? t('noMatch', { search }) : t('none')}
        </p>
      ) : (
        <ul className="bg-card divide-y rounded-xl border" aria-live="polite">
          {rows.map((client) => (
            <li key={client.id}>{renderRow(client)}</li>
          ))}
        </ul>
      )}
      {clients.hasNextPage ? (
        <button
          type="button"
          className="text-primary text-sm font-medium underline-offset-4 hover:underline"
          onClick={() => void clients.fetchNextPage()}
          disabled={clients.isFetchingNextPage}
        >
          {clients.isFetchingNextPage ? t('loadingMore') : t('showMore')}
        </button>
      ) : null}
    </div>
  );
}

/** A search result row that picks the client (the row `renderRow` usually draws). */
export function ClientPickButton({
  client,
  onPick,
}: {
  client: ClientRow;
  onPick: (client: ClientRow) => void;
}) {
  return (
    <button
      type="button"
      onClick={() => onPick(client)}
      className="hover:bg-muted focus-visible:ring-ring/60 flex w-full items-center justify-between gap-3 px-4 py-3 text-left focus-visible:ring-[3px] focus-visible:outline-none focus-visible:ring-inset"
    >
      <span className="grid min-w-0">
        <span className="truncate font-medium">{client.name}</span>
        <span className="text-muted-foreground truncate text-sm">{client.email}</span>
      </span>
      <ChevronRight className="text-muted-foreground size-4 shrink-0" aria-hidden />
    </button>
  );
}

/** The client a booking is for, once picked, with a way back to the search. */
export function ChosenClient({
  children,
  changeLabel,
  onChange,
  className,
}: {
  /** What is said about the client (e.g. "Booking for <strong>name</strong>"). */
  children: ReactNode;
  changeLabel: string;
  onChange: () => void;
  className: string;
}) {
  return (
    <div className={`flex items-center justify-between gap-3 ${className}`}>
      <span className="flex min-w-0 items-center gap-2">
        <UserRound className="text-primary size-5 shrink-0" aria-hidden />
        <span className="truncate">{children}</span>
      </span>
      <Button variant="outline" size="sm" onClick={onChange}>
        {changeLabel}
      </Button>
    </div>
  );
}
