'use client';

import { Button } from '@eventora/ui/button';
import { cn } from '@eventora/ui/cn';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslations } from 'next-intl';

/** Previous / Today / Next and the period's title, for views that show a day or a week. */
export function DayNav({
  unit,
  title,
  isToday,
  onStep,
  onToday,
  titleClassName,
}: {
  unit: 'day' | 'week';
  title: string;
  /** The period shown already holds today (Today is then disabled). */
  isToday: boolean;
  /** Moves one period back (-1) or on (+1). */
  onStep: (direction: -1 | 1) => void;
  onToday: () => void;
  titleClassName?: string;
}) {
  const t = useTranslations('staff.dayNav');
  return (
    <div className="flex items-center gap-2">
      <Button
        variant="outline"
        size="icon"
        aria-label={t('previous', { unit })}
        onClick={() => onStep(-1)}
      >
        <ChevronLeft />
      </Button>
      <Button variant="outline" onClick={onToday} disabled={isToday}>
        {t('today')}
      </Button>
      <Button
        variant="outline"
        size="icon"
        aria-label={t('next', { unit })}
        onClick={() => onStep(1)}
      >
        <ChevronRight />
      </Button>
      <h2 className={cn('text-lg font-semibold', titleClassName)} aria-live="polite">
        {title}
      </h2>
    </div>
  );
}
