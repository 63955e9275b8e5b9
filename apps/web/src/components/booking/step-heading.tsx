import { cn } from '@eventora/ui/cn';
import type { ReactNode } from 'react';

/** A numbered step title in the booking flow. */
export function StepHeading({
  step,
  id,
  done,
  children,
  action,
}: {
  step: number;
  id: string;
  done?: boolean;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="mb-3 flex items-center justify-between gap-3">
      <h2 id={id} className="flex items-center gap-2.5 text-lg font-semibold">
        <span
          aria-hidden
          className={cn(
            'flex size-7 items-center justify-center rounded-full text-sm font-semibold',
            done ? 'bg-primary text-primary-foreground' : 'bg-secondary text-secondary-foreground',
          )}
        >
          {step}
        </span>
        {children}
      </h2>
      {action}
    </div>
  );
}
