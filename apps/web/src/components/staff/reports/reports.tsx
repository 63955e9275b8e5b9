'use client';

import { LoadError } from '@eventora/ui/load-error';
import { Skeleton } from '@eventora/ui/skeleton';
import { useTranslations } from 'next-intl';

import { useFormat } from '~/i18n/use-format';
import { DownloadCsv } from './download-csv';
import {
  BookingsFigure,
  PackageSalesFigure,
  RevenueFigure,
  SummaryTiles,
  UtilisationFigure,
} from './figures';
import { RangePicker } from './range-picker';
import { useReport } from './use-report';

/** The owners' reports: a range, the headline figures, then each figure as a chart or table. */
export function Reports({ timeZone }: { timeZone: string }) {
  const t = useTranslations('reports');
  const { formatDate } = useFormat();
  const state = useReport(timeZone);
  const { report, range } = state;
  return (
    <div className="grid gap-5 *:min-w-0">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <RangePicker
          preset={state.preset}
          onPreset={state.choosePreset}
          custom={state.custom}
          onCustom={state.setCustom}
          today={state.today}
          problem={state.problem}
        />
        <DownloadCsv range={range} />
      </div>
      {range ? (
        <p className="text-muted-foreground text-sm" aria-live="polite">
          {report.isFetching
            ? t('loading')
            : t('showing', {
                from: formatDate(new Date(`${range.from}T12:00:00Z`)),
                to: formatDate(new Date(`${range.to}T12:00:00Z`)),
                zone: timeZone.replace(/_/g, ' '),
              })}
        </p>
      ) : null}
      {report.isPending ? (
        range ? (
          <div className="grid gap-3" aria-busy="true" aria-label={t('loading')}>
            <Skeleton className="h-24 rounded-xl" />
            <Skeleton className="h-72 rounded-xl" />
          </div>
        ) : null
      ) : report.isError ? (
        <LoadError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <SummaryTiles report={report.data} />
          <BookingsFigure report={report.data} />
          <div className="grid gap-5 *:min-w-0 lg:grid-cols-2">
            <UtilisationFigure by="therapist" items={report.data.utilisation.therapists} />
            <UtilisationFigure by="branch" items={report.data.utilisation.branches} />
            <PackageSalesFigure report={report.data} />
            <RevenueFigure report={report.data} />
          </div>
        </>
      )}
    </div>
  );
}
