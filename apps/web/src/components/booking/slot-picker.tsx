'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { cn } from '@eventora/ui/cn';
import { EmptyState } from '@eventora/ui/empty-state';
import { RadioGroup, RadioGroupItem } from '@eventora/ui/radio-group';
import { Skeleton } from '@eventora/ui/skeleton';
import { CalendarX2, CircleAlert, Globe } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo, useSyncExternalStore, type FocusEvent } from 'react';

import { useServerError } from '~/i18n/server-error';
import { dayKeyOf, type DayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';
import type { MergedSlot } from './use-slots';

const PERIODS = [
  { label: 'morning', until: 12 * 60 },
  { label: 'afternoon', until: 17 * 60 },
  { label: 'evening', until: 24 * 60 + 1 },
] as const;

/**
 * Day strip and time buttons for free slots, all on the branch's clock. Days without a free
 * slot are shown but disabled, so people see at a glance when there is room. Days and times are
 * each a radio group: one Tab stop, arrow keys move between (and choose) days or times.
 */
export function SlotPicker({
  days,
  timeZone,
  slots,
  pending,
  error,
  onRetry,
  day,
  onDayChange,
  selected,
  onSelect,
  label,
}: {
  days: DayKey[];
  timeZone: string;
  slots: MergedSlot[];
  pending: boolean;
  error?: unknown;
  onRetry: () => void;
  day: DayKey | undefined;
  onDayChange: (day: DayKey) => void;
  selected: string | undefined;
  onSelect: (slot: MergedSlot) => void;
  label?: string;
}) {
  const { formatTime, zoneName, dayKeyParts } = useFormat();
  const t = useTranslations('booking.slots');
  const tc = useTranslations('common');
  const serverError = useServerError();
  const byDay = useMemo(() => {
    const map = new Map<DayKey, MergedSlot[]>();
    for (const slot of slots) {
      const key = dayKeyOf(slot.startsAt, timeZone);
      map.set(key, [...(map.get(key) ?? []), slot]);
    }
    return map;
  }, [slots, timeZone]);

  const activeDay = day && byDay.has(day) ? day : days.find((d) => byDay.has(d));
  const daySlots = activeDay ? (byDay.get(activeDay) ?? []) : [];
  // The server renders in the branch's zone; the browser then says whether the phone differs.
  const browserZone = useSyncExternalStore(
    noSubscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => timeZone,
  );

  if (error) {
    return (
      <Alert variant="destructive">
        <CircleAlert />
        <AlertDescription>
          <span>
            {t('error')} {serverError.text(error)}
          </span>
          <Button size="sm" variant="outline" onClick={onRetry}>
            {tc('tryAgain')}
          </Button>
        </AlertDescription>
      </Alert>
    );
  }

  return (
    <div className="grid gap-4">
      <RadioGroup
        aria-label={t('day')}
        value={activeDay ?? ''}
        onValueChange={(key) => onDayChange(key as DayKey)}
        className="-mx-4 flex snap-x gap-2 overflow-x-auto px-4 pt-1 pb-1 sm:mx-0 sm:grid sm:grid-cols-7 sm:overflow-visible sm:px-0"
      >
        {days.map((key) => {
          const parts = dayKeyParts(key);
          const count = byDay.get(key)?.length ?? 0;
          const checked = key === activeDay;
          return (
            <RadioGroupItem
              key={key}
              value={key}
              onFocus={keepClearOfBars}
              aria-label={
                pending
                  ? parts.long
                  : count
                    ? t('dayLabel', { day: parts.long, count })
                    : t('dayFull', { day: parts.long })
              }
              disabled={!pending && count === 0}
              className={cn(
                'flex w-16 shrink-0 snap-start flex-col items-center rounded-xl border px-2 py-2 transition-colors sm:w-auto',
                checked
                  ? 'border-primary bg-primary text-primary-foreground'
                  : 'bg-card hover:border-primary/50',
                'disabled:cursor-not-allowed disabled:opacity-40',
              )}
            >
              <span className="text-xs">{parts.weekday}</span>
              <span className="text-lg leading-tight font-semibold">{parts.day}</span>
              <span
                className={cn('text-[0.65rem]', checked ? 'opacity-90' : 'text-muted-foreground')}
              >
                {pending ? parts.month : count ? t('free', { count }) : t('full')}
              </span>
            </RadioGroupItem>
          );
        })}
      </RadioGroup>

      {pending ? (
        <div
          className="grid grid-cols-3 gap-2 sm:grid-cols-6"
          aria-busy="true"
          aria-label={t('loading')}
        >
          {Array.from({ length: 12 }, (_, i) => (
            <Skeleton key={i} className="h-11" />
          ))}
        </div>
      ) : !activeDay ? (
        <EmptyState icon={<CalendarX2 />} title={t('noneTitle')} description={t('noneText')} />
      ) : (
        <RadioGroup
          aria-label={label ?? t('available')}
          value={selected ?? ''}
          onValueChange={(key) => {
            const slot = daySlots.find((s) => s.key === key);
            if (slot) onSelect(slot);
          }}
          className="grid gap-4"
        >
          {PERIODS.map((period, index) => {
            const start = index === 0 ? 0 : PERIODS[index - 1]!.until;
            const inPeriod = daySlots.filter((slot) => {
              const local = minutesOf(slot.startsAt, timeZone);
              return local >= start && local < period.until;
            });
            if (inPeriod.length === 0) return null;
            return (
              <div key={period.label} className="grid gap-2">
                <h3 className="text-muted-foreground text-xs font-medium tracking-wide uppercase">
                  {t(period.label)}
                </h3>
                <div className="grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-6">
                  {inPeriod.map((slot) => {
                    const checked = slot.key === selected;
                    return (
                      <RadioGroupItem
                        key={slot.key}
                        value={slot.key}
                        onFocus={keepClearOfBars}
                        className={cn(
                          'h-11 rounded-lg border text-sm font-medium tabular-nums transition-colors',
                          checked
                            ? 'border-primary bg-primary text-primary-foreground'
                            : 'bg-card hover:border-primary/60 hover:bg-accent',
                        )}
                      >
                        {formatTime(slot.startsAt, timeZone)}
                      </RadioGroupItem>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </RadioGroup>
      )}
      {browserZone !== timeZone ? (
        <p className="text-muted-foreground flex items-center gap-1.5 text-xs">
          <Globe className="size-3.5" aria-hidden />
          {t('zone', {
            zone: timeZone.replace(/_/g, ' '),
            abbreviation: zoneName(new Date(), timeZone),
          })}
        </p>
      ) : null}
    </div>
  );
}

const noSubscribe = () => () => {};

/**
 * Arrow keys move focus within the day strip and the times. Chromium scrolls a focused item
 * only when it is off screen, not when it sits under the fixed Continue bar or tab bar, and a
 * page's scroll-padding does not change that. So once the choice is drawn (the Continue bar
 * appears with the first one), the item is scrolled clear of the bars by hand.
 */
function keepClearOfBars(event: FocusEvent<HTMLButtonElement>) {
  const item = event.currentTarget;
  item.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  requestAnimationFrame(() => {
    const box = item.getBoundingClientRect();
    const barTops = [...document.querySelectorAll('[data-continue-bar] > div, [data-tab-bar]')]
      .map((bar) => bar.getBoundingClientRect())
      .filter((bar) => bar.height > 0)
      .map((bar) => bar.top);
    const floor = Math.min(window.innerHeight, ...barTops) - 12;
    const ceiling = (document.querySelector('header')?.getBoundingClientRect().bottom ?? 0) + 12;
    if (box.bottom > floor) window.scrollBy({ top: box.bottom - floor });
    else if (box.top < ceiling) window.scrollBy({ top: box.top - ceiling });
  });
}

function minutesOf(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}
