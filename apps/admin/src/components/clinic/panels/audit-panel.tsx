'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { Panel } from '~/components/panel';
import { LoadingBlock } from '~/components/states';
import { formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

/** The latest platform audit entries about the clinic, with a link to the full log. */
export function AuditPanel({ clinicId }: { clinicId: string }) {
  const trpc = useTRPC();
  const audit = useQuery(trpc.admin.audit.list.queryOptions({ clinicId, limit: 10 }));
  return (
    <Panel
      title="Operator actions on this clinic"
      description="The latest entries of the platform audit log."
      actions={
        <Button size="sm" variant="outline" asChild>
          <Link href={`/audit?clinic=${clinicId}`}>Full log</Link>
        </Button>
      }
    >
      {audit.isPending ? (
        <LoadingBlock height={60} />
      ) : audit.isError ? (
        <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <EmptyState title="No operator has acted on this clinic yet." className="py-6" />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Reason</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {audit.data.items.map((entry) => (
              <TableRow key={entry.id}>
                <TableCell className="whitespace-nowrap">
                  {formatDateTime(entry.createdAt)}
                </TableCell>
                <TableCell className="font-mono">{entry.action}</TableCell>
                <TableCell className="min-w-56">{entry.reason ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
