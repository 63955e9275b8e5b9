'use client';

import { cn } from '@eventora/ui/cn';
import { Input } from '@eventora/ui/input';
import { Label } from '@eventora/ui/label';
import { useTranslations } from 'next-intl';

import { PRESETS, type Preset } from './report-range';

/** Presets as toggle buttons (one pressed), and two date fields for a range of one's own. */
export function RangePicker({
  preset,
  onPreset,
  custom,
  onCustom,
  today,
  problem,
}: {
  preset: Preset;
  onPreset: (preset: Preset) => void;
  custom: { from: string; to: string };
  onCustom: (range: { from: string; to: string }) => void;
  today: string;
  problem?: 'order' | 'long' | 'missing';
}) {
  const t = useTranslations('reports.range');
  return (
    <div className="grid gap-3">
      <div role="group" aria-label={t('label')} className="flex flex-wrap gap-1.5">
        {PRESETS.map((choice) => (
          <button
            key={choice}
            type="button"
            aria-pressed={preset === choice}
            onClick={() => onPreset(choice)}
            className={cn(
              'focus-visible:ring-ring/60 rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:ring-[3px] focus-visible:outline-none',
              preset === choice
                ? 'bg-primary text-primary-foreground border-primary'
                : 'bg-card hover:bg-muted',
            )}
          >
            {t(`presets.${choice}`)}
          </button>
        ))}
      </div>
      {preset === 'custom' ? (
        <div className="flex flex-wrap items-end gap-3">
          <div className="grid gap-1.5">
            <Label htmlFor="report-from">{t('from')}</Label>
            <Input
              id="report-from"
              type="date"
              value={custom.from}
              max={today}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'report-range-problem' : undefined}
              onChange={(event) => onCustom({ ...custom, from: event.target.value })}
              className="w-44"
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="report-to">{t('to')}</Label>
            <Input
              id="report-to"
              type="date"
              value={custom.to}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'report-range-problem' : undefined}
              onChange={(event) => onCustom({ ...custom, to: event.target.value })}
              className="w-44"
            />
          </div>
          {problem ? (
            <p id="report-range-problem" role="alert" className="text-destructive text-sm">
              {t(`problems.${problem}`)}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
