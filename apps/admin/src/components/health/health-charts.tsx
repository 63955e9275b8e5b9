'use client';

import { Panel } from '~/components/panel';
import { formatDateTime, formatMs, formatPercent } from '~/lib/format';
import { DailyChart, RankedBars, SERIES_COLORS } from './charts';

export interface DayFigures {
  day: string;
  reservations: number;
  signIns: number;
  requests: number;
  errors: number;
  serverErrors: number;
}

/** The two daily charts every health view shows: activity, and the API's calls and errors. */
export function DailyHealthCharts({ days }: { days: DayFigures[] }) {
  return (
    <div className="grid grid-cols-[repeat(auto-fit,minmax(min(100%,440px),1fr))] gap-4 *:min-w-0">
      <Panel
        title="Reservations and sign-ins per day"
        description="Reservations held (not cancelled) by start day; sign-ins from the audit log."
      >
        <DailyChart
          title="Reservations and sign-ins per day"
          data={days}
          series={[
            { key: 'reservations', label: 'Reservations', color: SERIES_COLORS.reservations },
            { key: 'signIns', label: 'Sign-ins', color: SERIES_COLORS.signIns },
          ]}
        />
      </Panel>
      <Panel
        title="API calls and errors per day"
        description="Recorded by the API per clinic; errors include refused input, server errors are 5xx."
      >
        <DailyChart
          title="API calls and errors per day"
          data={days}
          series={[
            { key: 'requests', label: 'Calls', color: SERIES_COLORS.requests },
            { key: 'errors', label: 'Errors', color: SERIES_COLORS.errors },
            { key: 'serverErrors', label: 'Server errors', color: SERIES_COLORS.serverErrors },
          ]}
        />
      </Panel>
    </div>
  );
}

export interface DayCalls {
  day: string;
  latencyP95Ms: number | null;
  errorRate: number | null;
  serverErrorRate: number | null;
}

/**
 * One clinic's calls per day from the daily rollup: how slow (95th percentile) and how often
 * they failed, and where its traces are when a tracing UI is configured.
 */
export function CallHealthCharts({
  calls,
  asOf,
  tracesUrl,
}: {
  calls: DayCalls[];
  asOf: Date | null;
  tracesUrl: string | null;
}) {
  const rolledUp = asOf
    ? `From the daily rollup, as of ${formatDateTime(asOf)}.`
    : 'No daily rollup yet: the worker’s usage rollup fills these.';
  const rates = calls.map((day) => ({
    day: day.day,
    errors: day.errorRate === null ? null : day.errorRate * 100,
    serverErrors: day.serverErrorRate === null ? null : day.serverErrorRate * 100,
  }));
  return (
    <div className="grid grid-cols-[repeat(auto-fit,minmax(min(100%,440px),1fr))] gap-4 *:min-w-0">
      <Panel
        title="Latency p95 per day"
        description={`95 % of the clinic’s API calls took at most this long. ${rolledUp}`}
        actions={
          tracesUrl ? (
            <a
              href={tracesUrl}
              target="_blank"
              rel="noreferrer"
              className="text-sm underline underline-offset-4"
            >
              Open the clinic’s traces
            </a>
          ) : null
        }
      >
        <DailyChart
          title="Latency p95 per day"
          data={calls}
          summary="peak"
          format={formatMs}
          series={[{ key: 'latencyP95Ms', label: 'p95', color: SERIES_COLORS.latency }]}
        />
      </Panel>
      <Panel
        title="Error rate per day"
        description={`Failed calls per call (refused input included) and server errors (5xx) per call. ${rolledUp}`}
      >
        <DailyChart
          title="Error rate per day"
          data={rates}
          summary="peak"
          format={formatPercent}
          series={[
            { key: 'errors', label: 'Errors', color: SERIES_COLORS.errors },
            { key: 'serverErrors', label: 'Server errors', color: SERIES_COLORS.serverErrors },
          ]}
        />
      </Panel>
    </div>
  );
}

export function TableSizeChart({
  title,
  description,
  tables,
}: {
  title: string;
  description: string;
  tables: { label: string; bytes: number }[];
}) {
  return (
    <Panel title={title} description={description}>
      {tables.length === 0 ? (
        <p className="text-muted-foreground text-sm">No figures: the clinic is not open.</p>
      ) : (
        <RankedBars
          title={title}
          itemHeading="Table"
          bytes
          data={tables}
          series={[{ key: 'bytes', label: 'Size', color: SERIES_COLORS.reservations }]}
        />
      )}
    </Panel>
  );
}

export const DAY_CHOICES = [7, 30, 90] as const;

export function DaysPicker({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  return (
    <div role="group" aria-label="Period" className="flex gap-1">
      {DAY_CHOICES.map((choice) => (
        <button
          key={choice}
          type="button"
          aria-pressed={days === choice}
          onClick={() => onChange(choice)}
          className={`rounded-md border px-2.5 py-1 text-sm ${days === choice ? 'bg-primary text-primary-foreground border-primary' : 'bg-card hover:bg-muted'}`}
        >
          {choice} days
        </button>
      ))}
    </div>
  );
}
