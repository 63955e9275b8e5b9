'use client';

import { StepList, type StepState } from '~/components/step-list';
import { useElapsed } from './use-elapsed';

type Mode = 'shared' | 'schema' | 'database';

/**
 * Onboarding's three steps, read from the clinic's registry row while `create` runs (the row
 * appears as soon as provisioning starts: its state is the progress).
 */
export function ProvisioningProgress({
  mode,
  slug,
  busy,
  registered,
  state,
}: {
  mode: Mode;
  slug: string;
  /** The create call is still running. */
  busy: boolean;
  /** The registry row exists. */
  registered: boolean;
  /** Its onboarding state, once it exists. */
  state: string | null;
}) {
  const elapsed = useElapsed(busy);
  const provisionLabel =
    mode === 'shared'
      ? 'Open its rows in the shared tables'
      : mode === 'schema'
        ? `Create schema clinic_${slug.replace(/-/g, '_')} and run every migration on it`
        : 'Create its database and run every migration on it';
  const steps: { label: string; state: StepState }[] = [
    {
      label: 'Register the clinic (closed until ready)',
      state: registered ? 'done' : busy ? 'active' : 'failed',
    },
    {
      label: provisionLabel,
      state:
        state === 'ready'
          ? 'done'
          : state === 'failed'
            ? 'failed'
            : state === 'provisioning'
              ? busy
                ? 'active'
                : 'failed'
              : 'pending',
    },
    {
      label: 'Invite the first owner (one-time set-password link)',
      state: state === 'ready' ? (busy ? 'active' : 'failed') : 'pending',
    },
  ];
  return (
    <div className="grid gap-2" aria-live="polite">
      <StepList label="Provisioning progress" steps={steps} />
      {busy ? <p className="text-muted-foreground text-sm">Working… {elapsed} s</p> : null}
    </div>
  );
}
