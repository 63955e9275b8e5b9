'use client';

import { TableBody, TableCell, TableHead, TableHeader, TableRow } from '@eventora/ui/table';
import { useTranslations } from 'next-intl';

import { useFormat } from '~/i18n/use-format';
import { ChartPanel } from './chart-panel';
import { COLORS, HorizontalBars, StackedColumns } from './charts';
import { ReportTable } from './report-table';
import type { Report } from './use-report';

const STATUSES = ['completed', 'booked', 'noShow', 'cancelled'] as const;

/** A day key (`2026-11-30`) as a calendar date, whatever the reader's zone. */
const dayOf = (key: string) => new Date(`${key}T12:00:00Z`);

/** The headline figures: bookings, the two rates and credits clients still hold. */
export function SummaryTiles({ report }: { report: Report }) {
  const t = useTranslations('reports.summary');
  const { formatNumber, formatPercent } = useFormat();
  const rate = (value: number | null) => (value === null ? '—' : formatPercent(value));
  const { totals } = report.bookings;
  const tiles = [
    {
      label: t('bookings'),
      value: formatNumber(totals.all),
      detail: t('bookingsDetail', { completed: totals.completed, booked: totals.booked }),
    },
    {
      label: t('cancellationRate'),
      value: rate(report.rates.cancellation),
      detail: t('cancellationDetail', { count: totals.cancelled }),
    },
    {
      label: t('noShowRate'),
      value: rate(report.rates.noShow),
      detail: t('noShowDetail', { count: totals.noShow }),
    },
    {
      label: t('creditsOutstanding'),
      value: formatNumber(report.packages.creditsOutstanding),
      detail: t('creditsDetail', { count: report.packages.packagesWithCredits }),
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {tiles.map((tile) => (
        <div key={tile.label} className="bg-card grid gap-1 rounded-xl border p-4">
          <dt className="text-muted-foreground text-sm font-medium">{tile.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{tile.value}</dd>
          <dd className="text-muted-foreground text-xs">{tile.detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Bookings per day or week, stacked by what became of them. */
export function BookingsFigure({ report }: { report: Report }) {
  const t = useTranslations('reports.bookings');
  const { formatNumber, formatDate, dayKeyParts } = useFormat();
  const weekly = report.range.groupBy === 'week';
  const series = STATUSES.map((key) => ({ key, label: t(`status.${key}`), color: COLORS[key] }));
  const period = (start: string) =>
    weekly ? t('weekOf', { day: formatDate(dayOf(start)) }) : formatDate(dayOf(start));
  const tick = (start: string) => {
    const parts = dayKeyParts(start);
    return t('tick', { day: parts.day, month: parts.month });
  };
  const { totals } = report.bookings;
  return (
    <ChartPanel
      title={weekly ? t('titleWeekly') : t('titleDaily')}
      description={t('description')}
      summary={t('chartSummary', {
        all: totals.all,
        completed: totals.completed,
        booked: totals.booked,
        noShow: totals.noShow,
        cancelled: totals.cancelled,
      })}
      empty={totals.all === 0 ? t('empty') : undefined}
      chart={<StackedColumns data={report.bookings.buckets} series={series} formatLabel={tick} />}
      table={
        <ReportTable label={weekly ? t('titleWeekly') : t('titleDaily')} tall>
          <TableHeader>
            <TableRow>
              <TableHead>{weekly ? t('week') : t('day')}</TableHead>
              {series.map((spec) => (
                <TableHead key={spec.key} className="text-right">
                  {spec.label}
                </TableHead>
              ))}
              <TableHead className="text-right">{t('total')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.bookings.buckets.map((bucket) => (
              <TableRow key={bucket.start}>
                <TableCell className="whitespace-nowrap">{period(bucket.start)}</TableCell>
                {series.map((spec) => (
                  <TableCell key={spec.key} className="text-right">
                    {formatNumber(bucket[spec.key])}
                  </TableCell>
                ))}
                <TableCell className="text-right">
                  {formatNumber(STATUSES.reduce((sum, key) => sum + bucket[key], 0))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <tfoot className="bg-muted/50 border-t">
            <TableRow>
              <TableHead scope="row">{t('total')}</TableHead>
              {series.map((spec) => (
                <TableCell key={spec.key} className="text-right font-medium">
                  {formatNumber(totals[spec.key])}
                </TableCell>
              ))}
              <TableCell className="text-right font-medium">{formatNumber(totals.all)}</TableCell>
            </TableRow>
          </tfoot>
        </ReportTable>
      }
    />
  );
}

/** Booked time as a share of bookable time, per therapist or per branch. */
export function UtilisationFigure({
  items,
  by,
}: {
  items: Report['utilisation']['therapists'];
  by: 'therapist' | 'branch';
}) {
  const t = useTranslations('reports.utilisation');
  const { formatPercent, formatHours } = useFormat();
  const rate = (value: number | null) => (value === null ? '—' : formatPercent(value));
  return (
    <ChartPanel
      title={by === 'therapist' ? t('titleTherapist') : t('titleBranch')}
      description={t('description')}
      summary={t('chartSummary', {
        figures: items.map((item) => `${item.name} ${rate(item.rate)}`).join('; '),
      })}
      empty={items.length === 0 ? t('empty') : undefined}
      chart={
        <HorizontalBars
          name={t('utilisation')}
          data={items.map((item) => ({ label: item.name, value: item.rate ?? 0 }))}
          format={formatPercent}
        />
      }
      table={
        <ReportTable label={by === 'therapist' ? t('titleTherapist') : t('titleBranch')}>
          <TableHeader>
            <TableRow>
              <TableHead>{by === 'therapist' ? t('therapist') : t('branch')}</TableHead>
              <TableHead className="text-right">{t('booked')}</TableHead>
              <TableHead className="text-right">{t('available')}</TableHead>
              <TableHead className="text-right">{t('utilisation')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <TableRow key={item.id}>
                <TableCell>{item.name}</TableCell>
                <TableCell className="text-right">{formatHours(item.bookedMinutes)}</TableCell>
                <TableCell className="text-right">{formatHours(item.availableMinutes)}</TableCell>
                <TableCell className="text-right">{rate(item.rate)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReportTable>
      }
    />
  );
}

/** Packages sold in the range (online or granted at the desk). */
export function PackageSalesFigure({ report }: { report: Report }) {
  const t = useTranslations('reports.packages');
  const { formatNumber, formatMoney } = useFormat();
  const { sales } = report.packages;
  return (
    <ChartPanel
      title={t('title')}
      description={t('description')}
      summary={t('chartSummary', {
        figures: sales.map((sale) => `${sale.name} ${formatNumber(sale.sold)}`).join('; '),
      })}
      empty={sales.length === 0 ? t('empty') : undefined}
      chart={
        <HorizontalBars
          name={t('sold')}
          data={sales.map((sale) => ({ label: sale.name, value: sale.sold }))}
          format={(value) => formatNumber(value)}
        />
      }
      table={
        <ReportTable label={t('title')}>
          <TableHeader>
            <TableRow>
              <TableHead>{t('package')}</TableHead>
              <TableHead className="text-right">{t('sold')}</TableHead>
              <TableHead className="text-right">{t('boughtOnline')}</TableHead>
              <TableHead className="text-right">{t('onlineAmount')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sales.map((sale) => (
              <TableRow key={sale.packageId}>
                <TableCell>{sale.name}</TableCell>
                <TableCell className="text-right">{formatNumber(sale.sold)}</TableCell>
                <TableCell className="text-right">{formatNumber(sale.boughtOnline)}</TableCell>
                <TableCell className="text-right">
                  {formatMoney(sale.onlineCents, sale.currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReportTable>
      }
    />
  );
}

/** Money taken in the range, by how it was paid (desk payments and online package sales). */
export function RevenueFigure({ report }: { report: Report }) {
  const t = useTranslations('reports.revenue');
  const { formatNumber, formatMoney } = useFormat();
  const lines = report.revenue;
  const currencies = new Set(lines.map((line) => line.currency));
  // One currency is the usual case; with several, each bar says which it is.
  const label = (line: Report['revenue'][number]) =>
    currencies.size > 1
      ? `${t(`methods.${line.method}`)} (${line.currency.toUpperCase()})`
      : t(`methods.${line.method}`);
  return (
    <ChartPanel
      title={t('title')}
      description={t('description')}
      summary={t('chartSummary', {
        figures: lines
          .map((line) => `${label(line)} ${formatMoney(line.amountCents, line.currency)}`)
          .join('; '),
      })}
      empty={lines.length === 0 ? t('empty') : undefined}
      chart={
        <HorizontalBars
          name={t('amount')}
          data={lines.map((line) => ({ label: label(line), value: line.amountCents }))}
          format={(cents) => formatMoney(cents, lines[0]?.currency ?? 'mxn')}
        />
      }
      table={
        <ReportTable label={t('title')}>
          <TableHeader>
            <TableRow>
              <TableHead>{t('method')}</TableHead>
              <TableHead className="text-right">{t('payments')}</TableHead>
              <TableHead className="text-right">{t('amount')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {lines.map((line) => (
              <TableRow key={`${line.method}-${line.currency}`}>
                <TableCell>{label(line)}</TableCell>
                <TableCell className="text-right">{formatNumber(line.count)}</TableCell>
                <TableCell className="text-right">
                  {formatMoney(line.amountCents, line.currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReportTable>
      }
    />
  );
}
