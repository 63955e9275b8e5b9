'use client';

import { Badge } from '@eventora/ui/badge';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@eventora/ui/table';
import { LoadError } from '@eventora/ui/load-error';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { AlertCount } from '~/components/badges';
import { Panel } from '~/components/panel';
import { RankedBars, SERIES_COLORS } from './charts';
import { DailyHealthCharts, DaysPicker, TableSizeChart } from './health-charts';
import { LoadingBlock } from '~/components/states';
import { formatBytes, formatCount, formatDateTime } from '~/lib/format';
import { ROW_LINK } from '~/lib/styles';
import { useTRPC } from '~/trpc/react';

export function FleetHealth() {
  const trpc = useTRPC();
  const [days, setDays] = useState(7);
  const fleet = useQuery({
    ...trpc.admin.health.fleet.queryOptions({ days }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  return (
    <div className="grid gap-4 *:min-w-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-muted-foreground text-sm" aria-live="polite">
          {fleet.isFetching ? 'Refreshing…' : 'Refreshes every minute.'}
        </span>
        <DaysPicker days={days} onChange={setDays} />
      </div>
      {fleet.isPending ? (
        <LoadingBlock label="Loading fleet figures…" height={300} />
      ) : fleet.isError ? (
        <LoadError error={fleet.error} onRetry={() => void fleet.refetch()} />
      ) : (
        <>
          <p className="text-muted-foreground text-sm" data-testid="rollup-as-of">
            {fleet.data.asOf
              ? `Reservations and sign-ins as of ${formatDateTime(fleet.data.asOf)} (the daily rollup); API calls and errors as they happen.`
              : 'No daily rollup yet: reservations and sign-ins appear after the worker’s usage rollup runs (00:30 UTC).'}
          </p>
          <DailyHealthCharts days={fleet.data.days} />
          <Panel
            title="API calls and errors per clinic"
            description={`Totals over the last ${days} days, busiest first.`}
          >
            <RankedBars
              title="API calls and errors per clinic"
              itemHeading="Clinic"
              data={[...fleet.data.clinics]
                .sort((a, b) => b.requests - a.requests)
                .slice(0, 15)
                .map((clinic) => ({
                  label: clinic.slug,
                  requests: clinic.requests,
                  errors: clinic.errors,
                }))}
              series={[
                { key: 'requests', label: 'Calls', color: SERIES_COLORS.requests },
                { key: 'errors', label: 'Errors', color: SERIES_COLORS.errors },
              ]}
            />
            <Table className="tabular-nums">
              <TableCaption className="sr-only">Per clinic, last {days} days</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Clinic</TableHead>
                  <TableHead>Mode</TableHead>
                  <TableHead className="text-right">Reservations</TableHead>
                  <TableHead className="text-right">Sign-ins</TableHead>
                  <TableHead className="text-right">Calls</TableHead>
                  <TableHead className="text-right">Errors</TableHead>
                  <TableHead className="text-right">Server errors</TableHead>
                  <TableHead className="text-right">Error rate</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {fleet.data.clinics.map((clinic) => {
                  const rate = clinic.requests ? clinic.errors / clinic.requests : 0;
                  return (
                    <TableRow key={clinic.id}>
                      <TableCell className="whitespace-nowrap">
                        <Link className={ROW_LINK} href={`/clinics/${clinic.id}`}>
                          {clinic.slug}
                        </Link>{' '}
                        {!clinic.open ? <Badge variant="outline">not open</Badge> : null}
                      </TableCell>
                      <TableCell>{clinic.mode}</TableCell>
                      <TableCell className="text-right">
                        {formatCount(clinic.reservations)}
                      </TableCell>
                      <TableCell className="text-right">{formatCount(clinic.signIns)}</TableCell>
                      <TableCell className="text-right">{formatCount(clinic.requests)}</TableCell>
                      <TableCell className="text-right">{formatCount(clinic.errors)}</TableCell>
                      <TableCell className="text-right">
                        <AlertCount value={clinic.serverErrors} />
                      </TableCell>
                      <TableCell className="text-right">
                        {clinic.requests ? `${(rate * 100).toFixed(1)} %` : '—'}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Panel>
          <TableSizeChart
            title="Largest tables on disk"
            description="Shared database tables (all shared clinics together) and clinic schemas, from the catalog."
            tables={fleet.data.tables.slice(0, 15).map((table) => ({
              label: table.schema === 'public' ? table.table : `${table.schema}.${table.table}`,
              bytes: table.bytes,
            }))}
          />
          <p className="text-muted-foreground text-sm">
            Total on disk:{' '}
            {formatBytes(fleet.data.tables.reduce((sum, table) => sum + table.bytes, 0))} across{' '}
            {fleet.data.tables.length} tables. Clinics with their own database are not included.
          </p>
        </>
      )}
    </div>
  );
}
