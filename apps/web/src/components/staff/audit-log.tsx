'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { LoadError } from '@eventora/ui/load-error';
import { Skeleton } from '@eventora/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';

/** The chain's verification status, then the entries, newest first. */
export function AuditLog() {
  const t = useTranslations('staff.audit');
  const { formatStamp } = useFormat();
  const trpc = useTRPC();
  const verify = useQuery(trpc.audit.verify.queryOptions({}, { refetchOnWindowFocus: false }));
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="grid gap-4">
      {verify.isPending ? (
        <Skeleton className="h-16 rounded-lg" />
      ) : verify.isError ? (
        <LoadError error={verify.error} onRetry={() => verify.refetch()} />
      ) : verify.data.ok ? (
        <Alert variant="info">
          <ShieldCheck />
          <AlertTitle>{t('verified')}</AlertTitle>
          <AlertDescription>
            {verify.data.head
              ? t('intactHead', {
                  entries: verify.data.entries,
                  seq: verify.data.head.seq,
                  hash: verify.data.head.hash.slice(0, 12),
                })
              : t('intact', { entries: verify.data.entries })}
          </AlertDescription>
        </Alert>
      ) : (
        <Alert variant="destructive">
          <ShieldAlert />
          <AlertTitle>{t('broken', { seq: verify.data.brokenSeq })}</AlertTitle>
          <AlertDescription>
            {t('problem', { problem: verify.data.problem })} {verify.data.detail}
          </AlertDescription>
        </Alert>
      )}
      {entries.isPending ? (
        <Skeleton className="h-96 rounded-xl" />
      ) : entries.isError ? (
        <LoadError error={entries.error} onRetry={() => entries.refetch()} />
      ) : (
        <div className="bg-card rounded-xl border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>#</TableHead>
                <TableHead>{t('when')}</TableHead>
                <TableHead>{t('who')}</TableHead>
                <TableHead>{t('what')}</TableHead>
                <TableHead>{t('record')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell className="text-muted-foreground tabular-nums">{entry.seq}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {formatStamp(entry.createdAt, true)}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    {entry.actorName ??
                      (entry.actorType === 'user'
                        ? t('deletedUser')
                        : t('actor', { type: entry.actorType }))}
                    {entry.actorType === 'platform' ? (
                      <Badge variant="warning" className="ml-1">
                        {t('platform')}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <code className="bg-muted rounded px-1.5 py-0.5 text-xs">{entry.action}</code>
                    {entry.reason ? (
                      <span className="text-muted-foreground block text-xs">{entry.reason}</span>
                    ) : null}
                  </TableCell>
                  <TableCell className="text-muted-foreground text-xs whitespace-nowrap">
                    {entry.entityType ?? '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {entries.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-center"
          loading={entries.isFetchingNextPage}
          onClick={() => void entries.fetchNextPage()}
        >
          {t('older')}
        </Button>
      ) : null}
    </div>
  );
}
