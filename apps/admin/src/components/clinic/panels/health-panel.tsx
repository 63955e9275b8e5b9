'use client';

import { LoadError } from '@eventora/ui/load-error';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import {
  CallHealthCharts,
  DailyHealthCharts,
  DaysPicker,
  TableSizeChart,
} from '~/components/health/health-charts';
import { PanelGroup } from '~/components/panel';
import { LoadingBlock } from '~/components/states';
import { useTRPC } from '~/trpc/react';

/**
 * The clinic's activity, API calls and errors per day, its calls' latency p95 and error rates
 * (from the daily rollup, with a link to its traces), and its table sizes.
 */
export function HealthPanel({ clinicId }: { clinicId: string }) {
  const trpc = useTRPC();
  const [days, setDays] = useState(30);
  const health = useQuery(trpc.admin.health.clinic.queryOptions({ clinicId, days }));

  return (
    <PanelGroup title="Health" actions={<DaysPicker days={days} onChange={setDays} />}>
      {health.isPending ? (
        <LoadingBlock label="Loading health figures…" />
      ) : health.isError ? (
        <LoadError error={health.error} onRetry={() => void health.refetch()} />
      ) : (
        <>
          {!health.data.open ? (
            <p className="text-muted-foreground text-sm">
              The clinic is not open: only the API’s figures are shown, its data is not read.
            </p>
          ) : null}
          <DailyHealthCharts days={health.data.days} />
          <CallHealthCharts
            calls={health.data.calls}
            asOf={health.data.callsAsOf}
            tracesUrl={health.data.tracesUrl}
          />
          <TableSizeChart
            title="Table sizes"
            description="Its rows per table times the table’s bytes per row (exact for its own schema)."
            tables={health.data.tables
              .filter((table) => table.rows > 0)
              .map((table) => ({ label: table.table, bytes: table.approximateBytes }))}
          />
        </>
      )}
    </PanelGroup>
  );
}
