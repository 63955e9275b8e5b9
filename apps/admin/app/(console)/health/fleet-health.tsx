'use client';

import { Badge } from '@eventora/ui/badge';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { AlertCount } from '~/components/badges';
import { RankedBars, SERIES_COLORS } from '~/components/charts';
import { DailyHealthCharts, DaysPicker, TableSizeChart } from '~/components/health-charts';
import { ErrorState, LoadingBlock } from '~/components/states';
import { formatBytes, formatCount, formatDateTime } from '~/lib/format';
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
    <div className="stack">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="hint" aria-live="polite">
          {fleet.isFetching ? 'Refreshing…' : 'Refreshes every minute.'}
        </span>
        <DaysPicker days={days} onChange={setDays} />
      </div>
      {fleet.isPending ? (
        <LoadingBlock label="Loading fleet figures…" height={300} />
      ) : fleet.isError ? (
        <ErrorState error={fleet.error} onRetry={() => void fleet.refetch()} />
      ) : (
        <>
          <p className="hint" data-testid="rollup-as-of">
            {fleet.data.asOf
              ? `Reservations and sign-ins as of ${formatDateTime(fleet.data.asOf)} (the daily rollup); API calls and errors as they happen.`
              : 'No daily rollup yet: reservations and sign-ins appear after the worker’s usage rollup runs (00:30 UTC).'}
          </p>
          <DailyHealthCharts days={fleet.data.days} />
          <section className="panel" aria-labelledby="per-clinic-title">
            <div className="panel-header">
              <div>
                <h2 id="per-clinic-title">API calls and errors per clinic</h2>
                <p>Totals over the last {days} days, busiest first.</p>
              </div>
            </div>
            <RankedBars
              title="API calls and errors per clinic"
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
            <div className="table-wrap mt-3">
              <table className="data">
                <caption className="sr-only">Per clinic, last {days} days</caption>
                <thead>
                  <tr>
                    <th scope="col">Clinic</th>
                    <th scope="col">Mode</th>
                    <th scope="col" className="num">
                      Reservations
                    </th>
                    <th scope="col" className="num">
                      Sign-ins
                    </th>
                    <th scope="col" className="num">
                      Calls
                    </th>
                    <th scope="col" className="num">
                      Errors
                    </th>
                    <th scope="col" className="num">
                      Server errors
                    </th>
                    <th scope="col" className="num">
                      Error rate
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fleet.data.clinics.map((clinic) => {
                    const rate = clinic.requests ? clinic.errors / clinic.requests : 0;
                    return (
                      <tr key={clinic.id}>
                        <td>
                          <Link className="row-link mono" href={`/clinics/${clinic.id}`}>
                            {clinic.slug}
                          </Link>{' '}
                          {!clinic.open ? <Badge variant="outline">not open</Badge> : null}
                        </td>
                        <td>{clinic.mode}</td>
                        <td className="num">{formatCount(clinic.reservations)}</td>
                        <td className="num">{formatCount(clinic.signIns)}</td>
                        <td className="num">{formatCount(clinic.requests)}</td>
                        <td className="num">{formatCount(clinic.errors)}</td>
                        <td className="num">
                          <AlertCount value={clinic.serverErrors} />
                        </td>
                        <td className="num">
                          {clinic.requests ? `${(rate * 100).toFixed(1)} %` : '—'}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          <TableSizeChart
            title="Largest tables on disk"
            description="Shared database tables (all shared clinics together) and clinic schemas, from the catalog."
            tables={fleet.data.tables.slice(0, 15).map((table) => ({
              label: table.schema === 'public' ? table.table : `${table.schema}.${table.table}`,
              bytes: table.bytes,
            }))}
          />
          <p className="hint">
            Total on disk:{' '}
            {formatBytes(fleet.data.tables.reduce((sum, table) => sum + table.bytes, 0))} across{' '}
            {fleet.data.tables.length} tables. Clinics with their own database are not included.
          </p>
        </>
      )}
    </div>
  );
}
