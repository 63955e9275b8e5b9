'use client';

import { Panel } from '~/components/panel';
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
