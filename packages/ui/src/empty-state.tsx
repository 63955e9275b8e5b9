import type { ReactNode } from 'react';

import { cn } from './cn';

export interface EmptyStateProps {
  /** A lucide icon element, shown in a soft circle. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** What to do next (usually a Button). */
  action?: ReactNode;
  className?: string;
}

/** What a list shows when it has nothing yet, with the next step to take. */
export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        'flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-10 text-center',
        className,
      )}
    >
      {icon ? (
        <div className="bg-accent text-primary flex size-12 items-center justify-center rounded-full [&>svg]:size-6">
          {icon}
        </div>
      ) : null}
      <div className="grid gap-1">
        <p className="font-semibold">{title}</p>
        {description ? (
          <p className="text-muted-foreground max-w-sm text-sm">{description}</p>
        ) : null}
      </div>
      {action}
    </div>
  );
}
