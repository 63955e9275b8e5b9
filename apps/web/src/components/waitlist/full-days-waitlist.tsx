'use client';

import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';

import { dayKeyOf, startOfDayKey, type DayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';
import { JoinWaitlist } from './join-waitlist';

/**
 * Under the free times: the days of the next two weeks with no time left, to wait for one of
 * them ("No times left — join the waitlist").
 */
export function FullDaysWaitlist({
  days,
  slots,
  timeZone,
  branchId,
  therapistId,
  serviceId,
}: {
  days: DayKey[];
  slots: { startsAt: Date }[];
  timeZone: string;
  branchId: string;
  therapistId?: string;
  serviceId?: string;
}) {
  const { formatLongDay } = useFormat();
  const t = useTranslations('waitlist');
  const fullDays = useMemo(() => {
    const free = new Set(slots.map((slot) => dayKeyOf(slot.startsAt, timeZone)));
    return days.filter((day) => !free.has(day));
  }, [days, slots, timeZone]);
  const [chosen, setChosen] = useState<DayKey>();
  const day = chosen && fullDays.includes(chosen) ? chosen : fullDays[0];
  if (!day) return null;
  return (
    <div className="grid gap-2">
      <label htmlFor="waitlist-day" className="text-muted-foreground text-sm">
        {t('dayFull')}
      </label>
      <select
        id="waitlist-day"
        className="border-input bg-background h-10 w-fit rounded-md border px-3 text-sm"
        value={day}
        onChange={(event) => setChosen(event.target.value)}
      >
        {fullDays.map((key) => (
          <option key={key} value={key}>
            {formatLongDay(startOfDayKey(key, timeZone), timeZone)}
          </option>
        ))}
      </select>
      <JoinWaitlist
        key={day}
        branchId={branchId}
        day={day}
        therapistId={therapistId}
        serviceId={serviceId}
      />
    </div>
  );
}
