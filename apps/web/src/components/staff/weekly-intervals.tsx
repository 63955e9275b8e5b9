'use client';

import { Button } from '@eventora/ui/button';
import { Input } from '@eventora/ui/input';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { useFormat } from '~/i18n/use-format';

export interface Interval {
  weekday: number;
  start: number;
  end: number;
}

const toClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const fromClock = (value: string) => {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * A week of time intervals (opening hours, shifts): each weekday lists its intervals, with
 * add/remove. Times are local to the branch. Monday first, as people plan their weeks.
 */
export function WeeklyIntervals({
  idPrefix,
  value,
  onChange,
  defaultInterval = { start: 9 * 60, end: 17 * 60 },
  kind = 'hours',
}: {
  idPrefix: string;
  value: Interval[];
  onChange: (next: Interval[]) => void;
  defaultInterval?: { start: number; end: number };
  /** What an interval is, for the Add button: opening hours or a shift. */
  kind?: 'hours' | 'shift';
}) {
  const { weekdayName } = useFormat();
  const t = useTranslations('staff.intervals');
  const order = [1, 2, 3, 4, 5, 6, 0];
  return (
    <div className="divide-y rounded-lg border">
      {order.map((weekday) => {
        const rows = value
          .map((interval, index) => ({ interval, index }))
          .filter(({ interval }) => interval.weekday === weekday);
        return (
          <fieldset key={weekday} className="grid min-w-0 gap-2 px-2.5 py-3">
            <legend className="sr-only">{weekdayName(weekday)}</legend>
            <div className="flex items-center justify-between gap-2">
              <span aria-hidden className="text-sm font-medium">
                {weekdayName(weekday)}
                {rows.length === 0 ? (
                  <span className="text-muted-foreground font-normal"> · {t('closed')}</span>
                ) : null}
              </span>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => onChange([...value, { weekday, ...defaultInterval }])}
              >
                <Plus />{' '}
                {t.rich('add', {
                  kind,
                  weekday: weekdayName(weekday),
                  sr: (chunks) => <span className="sr-only">{chunks}</span>,
                })}
              </Button>
            </div>
            {rows.map(({ interval, index }) => {
              const id = `${idPrefix}-${index}`;
              return (
                <div
                  key={index}
                  className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto] items-center gap-1.5"
                >
                  <label htmlFor={`${id}-start`} className="sr-only">
                    {t('from', { weekday: weekdayName(weekday) })}
                  </label>
                  <Input
                    id={`${id}-start`}
                    type="time"
                    step={900}
                    className="w-full min-w-0 px-2"
                    value={toClock(interval.start)}
                    onChange={(e) =>
                      onChange(
                        value.map((v, i) =>
                          i === index ? { ...v, start: fromClock(e.target.value) } : v,
                        ),
                      )
                    }
                  />
                  <span aria-hidden>–</span>
                  <label htmlFor={`${id}-end`} className="sr-only">
                    {t('until', { weekday: weekdayName(weekday) })}
                  </label>
                  <Input
                    id={`${id}-end`}
                    type="time"
                    step={900}
                    className="w-full min-w-0 px-2"
                    value={toClock(interval.end)}
                    onChange={(e) => {
                      const end = fromClock(e.target.value);
                      onChange(
                        value.map((v, i) =>
                          i === index ? { ...v, end: end === 0 ? 1440 : end } : v,
                        ),
                      );
                    }}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="size-8 shrink-0"
                    aria-label={t('remove', {
                      weekday: weekdayName(weekday),
                      from: toClock(interval.start),
                      to: toClock(interval.end),
                    })}
                    onClick={() => onChange(value.filter((_, i) => i !== index))}
                  >
                    <Trash2 />
                  </Button>
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
