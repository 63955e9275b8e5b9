import { cn } from '@eventora/ui/cn';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/**
 * A figure's table. On a phone it scrolls sideways (and a long one down) inside its own box;
 * that box takes keyboard focus, so the hidden columns can be reached with the arrow keys.
 */
export function ReportTable({
  label,
  children,
  tall = false,
}: {
  /** The figure's title: the scrolling box is called "<title>, as a table". */
  label: string;
  children: ReactNode;
  /** Many rows (a day or week each): the box scrolls down as well. */
  tall?: boolean;
}) {
  const t = useTranslations('reports');
  return (
    <div
      role="region"
      aria-label={t('tableLabel', { title: label })}
      tabIndex={0}
      className={cn(
        'focus-visible:ring-ring/60 overflow-x-auto rounded-md border focus-visible:ring-[3px] focus-visible:outline-none',
        tall && 'max-h-96 overflow-y-auto',
      )}
    >
      <table className="w-full caption-bottom text-sm tabular-nums">{children}</table>
    </div>
  );
}
