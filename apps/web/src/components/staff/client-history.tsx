'use client';

import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { LoadError } from '@eventora/ui/load-error';
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from '@eventora/ui/sheet';
import { Skeleton } from '@eventora/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft, CalendarX2, Gift, Merge, Pencil, UserX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';

import { PageHeader } from '@eventora/ui/page-header';
import { WalletList } from '~/components/packages/wallet-list';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import { EditClientForm } from './clients/edit-client-form';
import { GrantPackageDialog } from './clients/grant-package-dialog';
import { MergeDialog } from './clients/merge-dialog';

/** Each status's badge colour (its name is `staff.clients.status.<status>`). */
const STATUS = {
  booked: 'success',
  cancelled: 'destructive',
  completed: 'secondary',
  no_show: 'warning',
} as const;

/** A client's contact details, packages and reservation history; staff correct or merge them here. */
export function ClientHistory({ id }: { id: string }) {
  const { formatDate, formatStamp } = useFormat();
  const t = useTranslations('staff.clients');
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [granting, setGranting] = useState(false);
  const history = useQuery(trpc.client.byId.queryOptions({ id }, { refetchOnWindowFocus: false }));
  const back = (
    <Button asChild variant="ghost" size="sm" className="-ml-2 mb-2">
      <Link href="/staff/clients">
        <ArrowLeft /> {t('back')}
      </Link>
    </Button>
  );
  if (history.isPending) {
    return (
      <div className="grid gap-4">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 rounded-xl" />
      </div>
    );
  }
  if (history.isError) {
    return (
      <div>
        {back}
        {history.error.data?.code === 'NOT_FOUND' ? (
          <EmptyState icon={<UserX />} title={t('notFound')} description={t('notFoundText')} />
        ) : (
          <LoadError error={history.error} onRetry={() => history.refetch()} />
        )}
      </div>
    );
  }
  const { client, reservations, reservationCount, packages } = history.data;
  return (
    <div>
      {back}
      <PageHeader
        title={client.name}
        description={
          <>
            {client.email}
            {client.phone ? ` · ${client.phone}` : ''} ·{' '}
            {t('since', { date: formatDate(client.createdAt) })}
          </>
        }
        actions={
          client.disabledAt ? null : (
            <>
              <Button variant="outline" onClick={() => setEditing(true)}>
                <Pencil /> {t('edit')}
              </Button>
              <Button variant="outline" onClick={() => setGranting(true)}>
                <Gift /> {t('givePackage')}
              </Button>
              <Button variant="outline" onClick={() => setMerging(true)}>
                <Merge /> {t('mergeDuplicate')}
              </Button>
            </>
          )
        }
      />
      <Sheet open={editing} onOpenChange={setEditing}>
        <SheetContent>
          <SheetHeader>
            <SheetTitle>{t('editTitle', { name: client.name })}</SheetTitle>
            <SheetDescription>{t('audited')}</SheetDescription>
          </SheetHeader>
          <div className="px-5 pb-5">
            {editing ? <EditClientForm client={client} onDone={() => setEditing(false)} /> : null}
          </div>
        </SheetContent>
      </Sheet>
      <MergeDialog keep={client} open={merging} onOpenChange={setMerging} />
      <GrantPackageDialog client={client} open={granting} onOpenChange={setGranting} />
      <div className="grid gap-8">
        <section aria-labelledby="packages-title" className="grid gap-3">
          <h2 id="packages-title" className="text-lg font-semibold">
            {t('packages')}
          </h2>
          {packages.length ? (
            <WalletList items={packages} />
          ) : (
            <p className="text-muted-foreground text-sm">{t('noPackages')}</p>
          )}
        </section>
        <section aria-labelledby="history-title" className="grid gap-3">
          <h2 id="history-title" className="text-lg font-semibold">
            {t('sessions')}{' '}
            <span className="text-muted-foreground text-sm font-normal">({reservationCount})</span>
          </h2>
          {reservations.length === 0 ? (
            <EmptyState icon={<CalendarX2 />} title={t('noSessions')} />
          ) : (
            <div className="bg-card rounded-xl border">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t('date')}</TableHead>
                    <TableHead>{t('therapist')}</TableHead>
                    <TableHead>{t('branch')}</TableHead>
                    <TableHead>{t('statusHeading')}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {reservations.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell className="whitespace-nowrap">{formatStamp(r.startsAt)}</TableCell>
                      <TableCell>{r.therapist.name}</TableCell>
                      <TableCell>{r.branch.name}</TableCell>
                      <TableCell>
                        <Badge variant={STATUS[r.status]}>{t(`status.${r.status}`)}</Badge>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
