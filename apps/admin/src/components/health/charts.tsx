'use client';

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { formatBytes, formatCount, formatDay } from '~/lib/format';

/** Mid-tone colours that read on light and dark backgrounds. */
export const SERIES_COLORS = {
  reservations: '#3b82f6',
  signIns: '#10b981',
  requests: '#8b5cf6',
  errors: '#f59e0b',
  serverErrors: '#ef4444',
  latency: '#0ea5e9',
} as const;

const axis = { fontSize: 12, fill: '#6b7280' };
const tooltipStyle = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 6 },
  labelStyle: { color: 'var(--foreground)', fontWeight: 600 },
};

export interface SeriesSpec<K extends string> {
  key: K;
  label: string;
  color: string;
}

/**
 * Daily figures as lines. The chart is a picture; the same numbers are one click away in a
 * table (screen readers, copying into a ticket). A null is a day without a figure (no calls to
 * take a latency of): a gap in the line, a dash in the table. Counts are summed in the label;
 * latencies and rates (`summary: 'peak'`) are not, their highest day is named instead.
 */
export function DailyChart<K extends string>({
  title,
  data,
  series,
  format = formatCount,
  summary = 'total',
}: {
  title: string;
  data: ({ day: string } & Record<K, number | null>)[];
  series: SeriesSpec<K>[];
  format?: (value: number | null) => string;
  summary?: 'total' | 'peak';
}) {
  const totals = series.map((spec) => {
    const values = data.flatMap((day) => (day[spec.key] === null ? [] : [day[spec.key]!]));
    return summary === 'total'
      ? `${spec.label}: ${format(values.reduce((sum, value) => sum + value, 0))}`
      : `${spec.label}: highest ${format(values.length > 0 ? Math.max(...values) : null)}`;
  });
  return (
    <figure style={{ margin: 0 }}>
      <div
        className="h-[220px] w-full"
        role="img"
        aria-label={`${title}, ${data.length} days. ${summary === 'total' ? 'Totals' : 'Peaks'}: ${totals.join(', ')}.`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#8883" vertical={false} />
            <XAxis dataKey="day" tickFormatter={formatDay} tick={axis} minTickGap={24} />
            <YAxis allowDecimals={summary === 'peak'} tick={axis} width={48} />
            <Tooltip
              labelFormatter={(day) => formatDay(String(day))}
              formatter={(value) => format(typeof value === 'number' ? value : null)}
              {...tooltipStyle}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((spec) => (
              <Line
                key={spec.key}
                type="linear"
                dataKey={spec.key}
                name={spec.label}
                stroke={spec.color}
                strokeWidth={2}
                dot={data.length <= 14}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable
        title={title}
        heading="Day (UTC)"
        rows={data.map((day) => ({ label: day.day, figures: day }))}
        series={series}
        format={format}
      />
    </figure>
  );
}

/**
 * Horizontal bars, one per item (clinics, tables), largest first, with every bar's figures in a
 * table one click away (the picture's label only names the first five).
 */
export function RankedBars<K extends string>({
  title,
  data,
  series,
  itemHeading,
  bytes = false,
}: {
  title: string;
  data: ({ label: string } & Record<K, number>)[];
  series: SeriesSpec<K>[];
  /** The table's first column: what each bar is ("Clinic", "Table"). */
  itemHeading: string;
  bytes?: boolean;
}) {
  const format = bytes ? formatBytes : formatCount;
  const height = Math.max(120, data.length * (series.length > 1 ? 34 : 26) + 40);
  const longest = Math.max(0, ...data.map((item) => item.label.length));
  const labelWidth = Math.min(200, Math.max(60, longest * 7 + 12));
  return (
    <figure style={{ margin: 0 }}>
      <div
        style={{ width: '100%', height }}
        role="img"
        aria-label={`${title}: ${data
          .slice(0, 5)
          .map(
            (item) => `${item.label} ${series.map((spec) => format(item[spec.key])).join(' / ')}`,
          )
          .join('; ')}${data.length > 5 ? '; …' : ''}.`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 0, left: 4 }}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="#8883" horizontal={false} />
            <XAxis
              type="number"
              tick={axis}
              tickFormatter={(value: number) => format(value)}
              allowDecimals={false}
            />
            <YAxis type="category" dataKey="label" tick={axis} width={labelWidth} interval={0} />
            <Tooltip formatter={(value) => format(Number(value))} {...tooltipStyle} />
            {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
            {series.map((spec) => (
              <Bar
                key={spec.key}
                dataKey={spec.key}
                name={spec.label}
                fill={spec.color}
                isAnimationActive={false}
                maxBarSize={18}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable
        title={title}
        heading={itemHeading}
        rows={data.map((item) => ({ label: item.label, figures: item }))}
        series={series}
        format={format}
      />
    </figure>
  );
}

/** A chart's figures as a table, one click away: for screen readers and for copying. */
function FiguresTable<K extends string>({
  title,
  heading,
  rows,
  series,
  format,
}: {
  title: string;
  /** The first column: what each row is ("Day (UTC)", "Clinic"). */
  heading: string;
  rows: { label: string; figures: Record<K, number | null> }[];
  series: SeriesSpec<K>[];
  format: (value: number | null) => string;
}) {
  return (
    <details>
      <summary className="text-muted-foreground cursor-pointer text-sm">
        {title}: as a table
      </summary>
      <div className="mt-1.5 max-h-60 overflow-auto rounded-md border">
        <Table className="tabular-nums">
          <TableHeader>
            <TableRow>
              <TableHead>{heading}</TableHead>
              {series.map((spec) => (
                <TableHead key={spec.key} className="text-right">
                  {spec.label}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.label}>
                <TableCell>{row.label}</TableCell>
                {series.map((spec) => (
                  <TableCell key={spec.key} className="text-right">
                    {format(row.figures[spec.key])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </details>
  );
}
