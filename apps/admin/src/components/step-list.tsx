import { cn } from '@eventora/ui/cn';

export type StepState = 'pending' | 'active' | 'done' | 'failed';

const DOT: Record<StepState, string> = {
  pending: 'border-border',
  active: 'border-primary border-t-transparent animate-spin',
  done: 'bg-success border-success text-white',
  failed: 'bg-destructive border-destructive text-white',
};

/** Steps of a long operation (provisioning, a move), each done, running, failed or to come. */
export function StepList({
  label,
  steps,
}: {
  label: string;
  steps: { label: string; state: StepState }[];
}) {
  return (
    <ol className="grid gap-2" aria-label={label}>
      {steps.map((step) => (
        <li
          key={step.label}
          className={cn(
            'flex items-center gap-2',
            step.state === 'pending' && 'text-muted-foreground',
          )}
        >
          <span
            aria-hidden="true"
            className={cn(
              'inline-flex size-[18px] flex-none items-center justify-center rounded-full border-2 text-[11px] leading-none',
              DOT[step.state],
            )}
          >
            {step.state === 'done' ? '✓' : step.state === 'failed' ? '!' : ''}
          </span>
          <span>
            {step.label}
            <span className="sr-only"> ({step.state})</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
