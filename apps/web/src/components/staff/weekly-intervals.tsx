'use client';

import { Button } from '@eventora/ui/button';
import { Input } from '@eventora/ui/input';
import { Plus, Trash2 } from 'lucide-react';

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
  noun = 'hours',
}: {
  idPrefix: string;
  value: Interval[];
  onChange: (next: Interval[]) => void;
  defaultInterval?: { start: number; end: number };
  noun?: string;
}) {
  const { weekdayName } = useFormat();
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
                  <span className="text-muted-foreground font-normal"> · closed</span>
                ) : null}
              </span>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => onChange([...value, { weekday, ...defaultInterval }])}
              >
                <Plus /> Add {noun}
                <span className="sr-only"> on {weekdayName(weekday)}</span>
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
                    {weekdayName(weekday)} from
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
                    {weekdayName(weekday)} until
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
                    aria-label={`Remove ${weekdayName(weekday)} ${toClock(interval.start)}–${toClock(interval.end)}`}
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
