'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** Bar colours with at least 3:1 against the card (non-text contrast). */
export const COLORS = {
  completed: '#047857',
  booked: '#1d4ed8',
  noShow: '#b45309',
  cancelled: '#b91c1c',
  primary: '#4338ca',
} as const;

const axis = { fontSize: 12, fill: '#4b5563' };
const tooltipStyle = {
  contentStyle: { background: 'var(--card)', border: '1px solid var(--border)', borderRadius: 6 },
  labelStyle: { color: 'var(--foreground)', fontWeight: 600 },
};

export interface Series<K extends string> {
  key: K;
  label: string;
  color: string;
}

/** Stacked columns over time (bookings per day or week, by status). */
export function StackedColumns<K extends string>({
  data,
  series,
  formatLabel,
}: {
  data: ({ start: string } & Record<K, number>)[];
  series: Series<K>[];
  formatLabel: (start: string) => string;
}) {
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#8883" vertical={false} />
          <XAxis dataKey="start" tickFormatter={formatLabel} tick={axis} minTickGap={16} />
          <YAxis allowDecimals={false} tick={axis} width={48} />
          <Tooltip labelFormatter={(start) => formatLabel(String(start))} {...tooltipStyle} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((spec) => (
            <Bar
              key={spec.key}
              dataKey={spec.key}
              name={spec.label}
              stackId="status"
              fill={spec.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One horizontal bar per item (a therapist, a package, a payment method). */
export function HorizontalBars({
  data,
  format,
  color = COLORS.primary,
  name,
}: {
  data: { label: string; value: number }[];
  format: (value: number) => string;
  color?: string;
  /** What the bars measure, for the tooltip. */
  name: string;
}) {
  const height = Math.max(96, data.length * 32 + 32);
  const longest = Math.max(0, ...data.map((item) => item.label.length));
  const labelWidth = Math.min(160, Math.max(64, longest * 7 + 12));
  return (
    <div style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 0, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#8883" horizontal={false} />
          <XAxis type="number" tick={axis} tickFormatter={(value: number) => format(value)} />
          <YAxis type="category" dataKey="label" tick={axis} width={labelWidth} interval={0} />
          <Tooltip formatter={(value) => format(Number(value))} {...tooltipStyle} />
          <Bar dataKey="value" name={name} fill={color} isAnimationActive={false} maxBarSize={20} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
