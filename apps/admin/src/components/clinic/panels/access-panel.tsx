'use client';

import { EmptyState } from '@eventora/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { GrantStateBadge } from '~/components/badges';
import { Panel } from '~/components/panel';
import { LoadingBlock } from '~/components/states';
import { formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

/** The latest break-glass grants on the clinic, open or ended. */
export function AccessPanel({ clinicId }: { clinicId: string }) {
  const trpc = useTRPC();
  const grants = useQuery(
    trpc.admin.access.list.queryOptions({ clinicId, activeOnly: false, limit: 10 }),
  );
  return (
    <Panel
      title="Data access"
      description="Break-glass grants on this clinic. Every read is in the clinic’s own audit log."
    >
      {grants.isPending ? (
        <LoadingBlock height={60} />
      ) : grants.isError ? (
        <LoadError error={grants.error} onRetry={() => void grants.refetch()} />
      ) : grants.data.items.length === 0 ? (
        <EmptyState title="Nobody has opened this clinic’s data." className="py-6" />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>State</TableHead>
              <TableHead>Operator</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>Opened</TableHead>
              <TableHead>Ends</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {grants.data.items.map((grant) => (
              <TableRow key={grant.id}>
                <TableCell>
                  <GrantStateBadge state={grant.state} />
                </TableCell>
                <TableCell>
                  {grant.mine ? (
                    <Link
                      className="text-primary font-semibold hover:underline"
                      href={`/access/${grant.id}`}
                    >
                      you
                    </Link>
                  ) : (
                    grant.operator.email
                  )}
                </TableCell>
                <TableCell className="min-w-56">{grant.reason}</TableCell>
                <TableCell className="whitespace-nowrap">
                  {formatDateTime(grant.createdAt)}
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {formatDateTime(grant.closedAt ?? grant.expiresAt)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
