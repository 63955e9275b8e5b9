'use client';

import { Badge } from '@eventora/ui/badge';
import { Card } from '@eventora/ui/card';
import { EmptyState } from '@eventora/ui/empty-state';
import { LoadError } from '@eventora/ui/load-error';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@eventora/ui/table';
import { useQuery } from '@tanstack/react-query';

import { LoadingRows } from '~/components/states';
import { formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

const STATUS_VARIANT = {
  booked: 'secondary',
  completed: 'success',
  cancelled: 'outline',
  no_show: 'warning',
} as const;

/** The clinic's latest 50 reservations, read through the grant. */
export function AccessReservations({ grantId, enabled }: { grantId: string; enabled: boolean }) {
  const trpc = useTRPC();
  // Each load is a read of the clinic's data, written to its audit log: no background refetching.
  const reservations = useQuery({
    ...trpc.admin.access.reservations.queryOptions({ grantId, limit: 50 }),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
  if (reservations.isError)
    return <LoadError error={reservations.error} onRetry={() => void reservations.refetch()} />;
  return (
    <Card className="py-0">
      <Table>
        <TableCaption className="sr-only">Latest 50 reservations</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Starts</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Therapist</TableHead>
            <TableHead>Branch</TableHead>
            <TableHead>Client id</TableHead>
            <TableHead className="hidden md:table-cell">Booked</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {reservations.isPending ? (
            <LoadingRows columns={6} rows={4} />
          ) : reservations.data.items.length === 0 ? (
            <TableRow>
              <TableCell colSpan={6}>
                <EmptyState title="No reservations." className="m-2 border-0 py-6" />
              </TableCell>
            </TableRow>
          ) : (
            reservations.data.items.map((item) => (
              <TableRow key={item.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(item.startsAt)}</TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[item.status]}>
                    {item.status.replace('_', ' ')}
                  </Badge>
                </TableCell>
                <TableCell>{item.therapistName}</TableCell>
                <TableCell>{item.branchName}</TableCell>
                <TableCell className="font-mono">{item.clientId.slice(0, 8)}…</TableCell>
                <TableCell className="hidden whitespace-nowrap md:table-cell">
                  {formatDateTime(item.createdAt)}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </Card>
  );
}
