'use client';

import { FormField } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';
import { useMemo } from 'react';

import type { Onboarding } from './use-onboarding';

/** The clinic's time zone and the first owner, who is sent a link to set a password. */
export function OwnerFields({ onboarding: { form } }: { onboarding: Onboarding }) {
  const timezones = useMemo(() => ['UTC', ...Intl.supportedValuesOf('timeZone')], []);
  return (
    <>
      <FormField form={form} name="timezone" label="Time zone">
        {(control) => (
          <NativeSelect {...control}>
            {timezones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <FormField form={form} name="ownerName" label="First owner’s name">
        {(control) => <Input {...control} autoComplete="off" />}
      </FormField>
      <FormField form={form} name="ownerEmail" label="First owner’s email">
        {(control) => <Input {...control} type="email" autoComplete="off" />}
      </FormField>
    </>
  );
}
