import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';

import * as time from '~/lib/time';

/**
 * lib/time.ts's formatters in the page's language, under the same names: dates and times on
 * the branch's clock, money, percentages, counts and hours, relative times, weekday names.
 * (Server components call lib/time.ts with `await getLocale()`.)
 */
export function useFormat() {
  const locale = useLocale();
  const t = useTranslations('common');
  return useMemo(() => {
    const midnight = t('midnight');
    return {
      locale,
      formatTime: (date: Date, timeZone: string) => time.formatTime(date, timeZone, locale),
      formatDay: (date: Date, timeZone: string) => time.formatDay(date, timeZone, locale),
      formatLongDay: (date: Date, timeZone: string) => time.formatLongDay(date, timeZone, locale),
      formatDate: (date: Date, timeZone?: string) => time.formatDate(date, locale, timeZone),
      formatStamp: (date: Date, withSeconds?: boolean) =>
        time.formatStamp(date, locale, withSeconds),
      zoneName: (date: Date, timeZone: string) => time.zoneName(date, timeZone, locale),
      dayKeyParts: (key: time.DayKey) => time.dayKeyParts(key, locale),
      formatDayRange: (first: time.DayKey, last: time.DayKey) =>
        time.formatDayRange(first, last, locale),
      formatMinutes: (minutes: number) => time.formatMinutes(minutes, locale, midnight),
      relativeTo: (date: Date, now: Date) => time.relativeTo(date, now, locale),
      weekdayName: (weekday: number, width?: 'long' | 'short') =>
        time.weekdayName(weekday, locale, width),
      formatMoney: (cents: number, currency: string) => time.formatMoney(cents, currency, locale),
      formatPercent: (share: number) => time.formatPercent(share, locale),
      formatNumber: (value: number, maximumFractionDigits?: number) =>
        time.formatNumber(value, locale, maximumFractionDigits),
      formatHours: (minutes: number) => time.formatHours(minutes, locale),
    };
  }, [locale, t]);
}
