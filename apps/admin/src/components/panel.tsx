import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { cn } from '@eventora/ui/cn';
import { useId, type ReactNode } from 'react';

/**
 * One titled section of a console page (a card named by its heading, so screen readers list it
 * as a region): the clinic page's panels, the jobs and health views.
 */
export function Panel({
  title,
  description,
  actions,
  className,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons in the header's corner. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card role="region" aria-labelledby={titleId} className={cn('min-w-0 gap-3 py-4', className)}>
      <CardHeader className="px-4">
        <CardTitle id={titleId}>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
        {actions ? <CardAction className="flex flex-wrap gap-2">{actions}</CardAction> : null}
      </CardHeader>
      <CardContent className="grid min-w-0 gap-4 px-4">{children}</CardContent>
    </Card>
  );
}

/** A heading over several panels of one concern (a clinic's health, its jobs). */
export function PanelGroup({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="grid min-w-0 gap-4 *:min-w-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
