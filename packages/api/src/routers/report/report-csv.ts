import { stringify } from 'csv-stringify/sync';

import type { Report } from './compute-report';

const COLUMNS = ['section', 'id', 'item', 'metric', 'value', 'currency'] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/**
 * The report as one CSV table, a row per figure (section, what, which figure, value), so a
 * spreadsheet can filter and pivot it. RFC 4180 quoting by csv-stringify, CRLF line ends and a
 * UTF-8 byte order mark, so Excel reads accented names right. Money in the currency's main unit.
 * Names typed by people that start like a formula (`=`, `+`, `-`, `@`) get a leading `'`, so a
 * spreadsheet shows them as text instead of running them (CSV injection).
 */
export function reportCsv(report: Report): string {
  const rows: Row[] = [];
  const add = (
    section: string,
    id: string,
    item: string,
    metric: string,
    value: number | string | null,
    currency = '',
  ) =>
    rows.push({
      section,
      id,
      item: neutralise(item),
      metric,
      value: value === null ? '' : String(value),
      currency,
    });

  const { range } = report;
  add('range', '', `${range.from}..${range.to}`, 'time_zone', range.timeZone);
  add('range', '', `${range.from}..${range.to}`, 'group_by', range.groupBy);
  for (const bucket of report.bookings.buckets) {
    add('bookings', '', bucket.start, 'booked', bucket.booked);
    add('bookings', '', bucket.start, 'completed', bucket.completed);
    add('bookings', '', bucket.start, 'no_show', bucket.noShow);
    add('bookings', '', bucket.start, 'cancelled', bucket.cancelled);
  }
  const { totals } = report.bookings;
  add('totals', '', 'all', 'reservations', totals.all);
  add('totals', '', 'all', 'booked', totals.booked);
  add('totals', '', 'all', 'completed', totals.completed);
  add('totals', '', 'all', 'no_show', totals.noShow);
  add('totals', '', 'all', 'cancelled', totals.cancelled);
  add('rates', '', 'all', 'cancellation_rate', rounded(report.rates.cancellation));
  add('rates', '', 'all', 'no_show_rate', rounded(report.rates.noShow));
  for (const [section, items] of [
    ['utilisation_therapist', report.utilisation.therapists],
    ['utilisation_branch', report.utilisation.branches],
  ] as const) {
    for (const item of items) {
      add(section, item.id, item.name, 'booked_minutes', item.bookedMinutes);
      add(section, item.id, item.name, 'available_minutes', item.availableMinutes);
      add(section, item.id, item.name, 'utilisation', rounded(item.rate));
    }
  }
  for (const sale of report.packages.sales) {
    add('package_sales', sale.packageId, sale.name, 'sold', sale.sold);
    add('package_sales', sale.packageId, sale.name, 'bought_online', sale.boughtOnline);
    add(
      'package_sales',
      sale.packageId,
      sale.name,
      'online_amount',
      major(sale.onlineCents, sale.currency),
      sale.currency,
    );
  }
  add('credits', '', 'outstanding', 'credits', report.packages.creditsOutstanding);
  add('credits', '', 'outstanding', 'packages', report.packages.packagesWithCredits);
  for (const line of report.revenue) {
    add(
      'revenue',
      '',
      line.method,
      'amount',
      major(line.amountCents, line.currency),
      line.currency,
    );
    add('revenue', '', line.method, 'payments', line.count, line.currency);
  }
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...COLUMNS],
    record_delimiter: 'windows',
  });
}

/** The report's file name: `report-2026-11-01-2026-11-30.csv`. */
export function reportFileName(report: Pick<Report, 'range'>): string {
  return `report-${report.range.from}-${report.range.to}.csv`;
}

function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function rounded(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** Cents to the currency's main unit (2 decimals for mxn, none for jpy). */
export function major(cents: number, currency: string): number {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return cents / 10 ** digits;
}
