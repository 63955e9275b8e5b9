'use client';

import { ChoiceGroup } from '~/components/choice-group';
import type { Onboarding } from './use-onboarding';

type Mode = 'shared' | 'schema' | 'database';

const MODES: { value: Mode; title: string; detail: string }[] = [
  {
    value: 'shared',
    title: 'Shared',
    detail: 'Rows in the shared tables, walled off by row level security. Instant.',
  },
  {
    value: 'schema',
    title: 'Own schema',
    detail: 'A schema of its own in the shared database; every migration runs on it. Seconds.',
  },
  {
    value: 'database',
    title: 'Own database',
    detail: 'A database of its own (enterprise). Migrations run on it. Slowest.',
  },
];

/** Where the clinic's data lives: shared tables, its own schema or its own database. */
export function ModeChoice({ onboarding: { form } }: { onboarding: Onboarding }) {
  return (
    <ChoiceGroup
      legend="Where its data lives"
      name="mode"
      options={MODES}
      value={form.watch('mode')}
      onChange={(mode) => form.setValue('mode', mode)}
    />
  );
}
