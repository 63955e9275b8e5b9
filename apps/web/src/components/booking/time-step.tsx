import { useTranslations } from 'next-intl';
import type { Ref } from 'react';

import { useFormat } from '~/i18n/use-format';
import { FullDaysWaitlist } from '../waitlist/full-days-waitlist';
import { ChoiceCard } from './choice-card';
import { SlotPicker } from './slot-picker';
import { StepHeading } from './step-heading';
import { STANDARD, type Booking } from './use-booking';

/** Step 3: the service (when the therapist offers any), then a day and a free time. */
export function TimeStep({ booking, ref }: { booking: Booking; ref: Ref<HTMLElement> }) {
  const { formatMoney } = useFormat();
  const t = useTranslations('booking');
  const tc = useTranslations('common');
  const { serviceList, service, therapistList, chosenTherapist, slots, slot } = booking;
  const standardMinutes = therapistList.find((t) => t.id === chosenTherapist)?.sessionMinutes;
  return (
    <section aria-labelledby="step-time" ref={ref} className="scroll-mt-20">
      <StepHeading step={3} id="step-time" done={Boolean(slot)}>
        {t('pickTime')}
      </StepHeading>
      {serviceList.length > 0 ? (
        <div role="radiogroup" aria-label={t('service')} className="mb-4 grid gap-3 sm:grid-cols-2">
          {[
            {
              id: STANDARD,
              name: t('standardSession'),
              detail: tc('minutes', { minutes: standardMinutes ?? 60 }),
            },
            ...serviceList.map((s) => ({
              id: s.id,
              name: s.name,
              detail: t('serviceDetail', {
                minutes: s.durationMinutes,
                price: formatMoney(s.priceCents, s.currency),
              }),
            })),
          ].map((option) => (
            <ChoiceCard
              key={option.id}
              name="service"
              value={option.id}
              checked={(service?.id ?? STANDARD) === option.id}
              onChange={booking.chooseService}
            >
              <span className="grid gap-0.5">
                <span className="font-medium">{option.name}</span>
                <span className="text-muted-foreground text-sm">{option.detail}</span>
              </span>
            </ChoiceCard>
          ))}
        </div>
      ) : null}
      <SlotPicker
        days={booking.days}
        timeZone={booking.timeZone}
        slots={slots.slots}
        pending={slots.pending}
        error={slots.error}
        onRetry={() => void slots.refetch()}
        day={booking.day}
        onDayChange={booking.chooseDay}
        selected={slot?.key}
        onSelect={booking.chooseSlot}
      />
      {booking.forSelf && booking.branch && !slots.pending && !slots.error ? (
        <FullDaysWaitlist
          days={booking.days}
          slots={slots.slots}
          timeZone={booking.timeZone}
          branchId={booking.branch.id}
          therapistId={booking.chosenTherapist}
          serviceId={service?.id}
        />
      ) : null}
    </section>
  );
}
