'use client';

import { Button } from '@eventora/ui/button';
import { Table2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';

/**
 * One figure of the report: a chart, or the same numbers as a table at the press of "Show as
 * table" (screen readers, copying, reading exact values). The chart itself is one image with
 * a spoken summary; the table is the full alternative. With nothing to show, a sentence says so.
 */
export function ChartPanel({
  title,
  description,
  summary,
  chart,
  table,
  empty,
}: {
  title: string;
  description?: string;
  /** What the chart shows, in a sentence, for people who cannot see it. */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  /** Set when there is nothing to chart: said instead of an empty picture. */
  empty?: string;
}) {
  const t = useTranslations('reports');
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section aria-labelledby={id} className="bg-card grid min-w-0 gap-3 rounded-xl border p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-0.5">
          <h2 id={id} className="font-semibold">
            {title}
          </h2>
          {description ? <p className="text-muted-foreground text-sm">{description}</p> : null}
        </div>
        {empty ? null : (
          <Button
            variant="outline"
            size="sm"
            aria-pressed={asTable}
            onClick={() => setAsTable((shown) => !shown)}
          >
            <Table2 aria-hidden />
            {t('showTable')}
          </Button>
        )}
      </div>
      {empty ? (
        <p className="text-muted-foreground text-sm">{empty}</p>
      ) : asTable ? (
        table
      ) : (
        <div role="img" aria-label={summary} className="min-w-0">
          {/* The summary speaks for the picture; the SVG's own ticks and legend would repeat it. */}
          <div aria-hidden>{chart}</div>
        </div>
      )}
    </section>
  );
}
