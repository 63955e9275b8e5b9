import { MapPin } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { ChoiceCard } from './choice-card';
import { StepHeading } from './step-heading';
import type { Booking } from './use-booking';

/** Step 1: the branch (skipped in effect when the clinic has one). */
export function BranchStep({
  booking,
  onChosen,
}: {
  booking: Booking;
  /** After a choice, e.g. to bring the next step into view. */
  onChosen: () => void;
}) {
  const { branchList, branch } = booking;
  const t = useTranslations('booking');
  return (
    <section aria-labelledby="step-branch">
      <StepHeading step={1} id="step-branch" done={Boolean(branch)}>
        {t('chooseBranch')}
      </StepHeading>
      <div role="radiogroup" aria-labelledby="step-branch" className="grid gap-3 sm:grid-cols-2">
        {branchList.map((b) => (
          <ChoiceCard
            key={b.id}
            name="branch"
            value={b.id}
            checked={b.id === branch?.id}
            onChange={(id) => {
              booking.chooseBranch(id);
              onChosen();
            }}
          >
            <MapPin className="text-primary mt-0.5 size-5 shrink-0" aria-hidden />
            <span className="grid gap-0.5">
              <span className="font-medium">{b.name}</span>
              {b.address ? (
                <span className="text-muted-foreground text-sm">{b.address}</span>
              ) : null}
            </span>
          </ChoiceCard>
        ))}
      </div>
    </section>
  );
}
