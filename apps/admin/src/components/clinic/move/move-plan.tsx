'use client';

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { errorMessage } from '@eventora/ui/error-message';
import { useQuery } from '@tanstack/react-query';

import { LoadingBlock } from '~/components/states';
import { formatBytes, formatCount } from '~/lib/format';
import { useTRPC } from '~/trpc/react';

/** What a move to `to` would copy and how long writes would be frozen, before confirming. */
export function MovePlan({
  clinicId,
  to,
  server,
}: {
  clinicId: string;
  to: 'shared' | 'schema' | 'database';
  /** With `to: database`: a registered server (absent: the shared server). */
  server?: string;
}) {
  const trpc = useTRPC();
  const plan = useQuery(trpc.admin.move.plan.queryOptions({ clinicId, to, server }));
  if (plan.isPending) return <LoadingBlock label="Planning…" height={60} />;
  if (plan.isError) return <p className="text-destructive text-sm">{errorMessage(plan.error)}</p>;
  const data = plan.data;
  return (
    <div className="grid gap-2" aria-label="Plan">
      <p className="text-sm">
        {data.from.label} → <strong>{data.to.label}</strong>: {formatCount(data.totalRows)} rows,{' '}
        {formatBytes(data.totalBytes)}. Estimated <strong>{data.estimatedSeconds} s</strong> in all;
        writes frozen for about <strong>{data.estimatedFreezeSeconds} s</strong>.
      </p>
      <div className="max-h-48 overflow-auto rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Table</TableHead>
              <TableHead>Rows</TableHead>
              <TableHead>Size</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.tables
              .filter((table) => table.rows > 0)
              .map((table) => (
                <TableRow key={table.table}>
                  <TableCell className="font-mono">{table.table}</TableCell>
                  <TableCell>{formatCount(table.rows)}</TableCell>
                  <TableCell>{formatBytes(table.bytes)}</TableCell>
                </TableRow>
              ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
