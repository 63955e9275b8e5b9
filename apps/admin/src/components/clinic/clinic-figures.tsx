import { formatBytes, formatCount } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';

type Usage = RouterOutputs['admin']['clinic']['byId']['usage'];

/** The clinic's size at a glance; dashes while it is not open (its data is not read). */
export function ClinicFigures({ usage }: { usage: Usage }) {
  const figures = [
    ['Users', formatCount(usage?.users)],
    ['Clients', formatCount(usage?.clients)],
    ['Reservations', formatCount(usage?.reservations)],
    ['Res. last 30 days', formatCount(usage?.reservationsLast30Days)],
    ['Active sessions', formatCount(usage?.activeSessions)],
    ['Size (approx.)', formatBytes(usage?.approximateBytes)],
  ];
  return (
    <dl
      aria-label="Figures"
      className="bg-border grid grid-cols-[repeat(auto-fit,minmax(130px,1fr))] gap-px overflow-hidden rounded-xl border"
    >
      {figures.map(([label, value]) => (
        <div className="bg-card px-3.5 py-2.5" key={label}>
          <dt className="text-muted-foreground text-xs tracking-wide uppercase">{label}</dt>
          <dd className="mt-0.5 text-lg font-semibold tabular-nums [overflow-wrap:anywhere]">
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
