import { cn } from '@eventora/ui/cn';

/** The clinic's monogram in its colour: a logo for clinics that have not uploaded one. */
export function ClinicMark({ name, className }: { name: string; className?: string }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return (
    <span
      aria-hidden
      className={cn(
        'bg-primary text-primary-foreground inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-sm font-bold tracking-tight',
        className,
      )}
    >
      {initials || 'E'}
    </span>
  );
}
