import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Skeleton } from '@eventora/ui/skeleton';
import { CircleAlert, Sparkles, Users } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { Ref } from 'react';

import { useServerError } from '~/i18n/server-error';
import { ChoiceCard } from './choice-card';
import { StepHeading } from './step-heading';
import { ANY, type Booking } from './use-booking';

/** Step 2: a therapist at the branch, or anyone free (when there is more than one). */
export function TherapistStep({
  booking,
  ref,
  onChosen,
}: {
  booking: Booking;
  ref: Ref<HTMLElement>;
  onChosen: () => void;
}) {
  const { therapists, therapistList, therapistChoice } = booking;
  const t = useTranslations();
  const serverError = useServerError();
  const choose = (value: string) => {
    booking.chooseTherapist(value);
    onChosen();
  };
  return (
    <section aria-labelledby="step-therapist" ref={ref} className="scroll-mt-20">
      <StepHeading step={2} id="step-therapist" done={Boolean(therapistChoice)}>
        {t('booking.chooseTherapist')}
      </StepHeading>
      {therapists.isPending ? (
        <div
          className="grid gap-3 sm:grid-cols-2"
          aria-busy="true"
          aria-label={t('booking.loadingTherapists')}
        >
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
      ) : therapists.isError ? (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertDescription>
            {t('booking.therapistsError')} {serverError.text(therapists.error)}
            <Button size="sm" variant="outline" onClick={() => therapists.refetch()}>
              {t('common.tryAgain')}
            </Button>
          </AlertDescription>
        </Alert>
      ) : therapistList.length === 0 ? (
        <EmptyState
          icon={<Users />}
          title={t('booking.noTherapistsTitle')}
          description={t('booking.noTherapistsText')}
        />
      ) : (
        <div
          role="radiogroup"
          aria-labelledby="step-therapist"
          className="grid gap-3 sm:grid-cols-2"
        >
          {therapistList.length > 1 ? (
            <ChoiceCard
              name="therapist"
              value={ANY}
              checked={therapistChoice === ANY}
              onChange={choose}
            >
              <span className="bg-accent text-primary flex size-10 shrink-0 items-center justify-center rounded-full">
                <Sparkles className="size-5" aria-hidden />
              </span>
              <span className="grid gap-0.5">
                <span className="font-medium">{t('booking.anyTherapist')}</span>
                <span className="text-muted-foreground text-sm">
                  {t('booking.anyTherapistText')}
                </span>
              </span>
            </ChoiceCard>
          ) : null}
          {therapistList.map((th) => (
            <ChoiceCard
              key={th.id}
              name="therapist"
              value={th.id}
              checked={therapistChoice === th.id}
              onChange={choose}
            >
              <span className="bg-secondary flex size-10 shrink-0 items-center justify-center rounded-full text-sm font-semibold">
                {initials(th.name)}
              </span>
              <span className="grid min-w-0 gap-0.5">
                <span className="flex flex-wrap items-center gap-2 font-medium">
                  {th.name}
                  <Badge variant="secondary">
                    {t('common.minutes', { minutes: th.sessionMinutes })}
                  </Badge>
                </span>
                {th.bio ? (
                  <span className="text-muted-foreground line-clamp-2 text-sm">{th.bio}</span>
                ) : null}
              </span>
            </ChoiceCard>
          ))}
        </div>
      )}
    </section>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
