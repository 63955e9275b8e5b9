'use client';

import { Field, fieldAria } from '@eventora/ui/field';
import { FormField } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';

import type { Onboarding } from './use-onboarding';

/** The clinic's name and its address (the slug), shown inside the portal's URL. */
export function ClinicFields({
  onboarding: { form, slugTaken, nameChanged, slugTyped },
  portalUrlPattern,
}: {
  onboarding: Onboarding;
  portalUrlPattern: string;
}) {
  const slug = form.watch('slug');
  const slugError =
    form.formState.errors.slug?.message ?? (slugTaken ? 'Already in use.' : undefined);
  const portalUrl = portalUrlPattern.replace('{slug}', slug || 'your-clinic');
  const [portalPrefix, portalSuffix] = portalUrlPattern.split('{slug}') as [string, string];
  const { onChange, ...slugControl } = form.register('slug');

  return (
    <>
      <FormField form={form} name="name" label="Clinic name">
        {(control) => (
          <Input
            {...control}
            autoFocus
            onChange={(event) => {
              nameChanged(event.target.value);
              return control.onChange(event);
            }}
          />
        )}
      </FormField>
      <Field
        id="slug"
        label="Address"
        description={`Lower-case letters, digits and inner hyphens; 3–40 characters. Portal: ${portalUrl}`}
        error={slugError}
      >
        <div className="flex items-stretch">
          <span className="text-muted-foreground bg-muted hidden items-center rounded-l-md border border-r-0 px-2 text-sm sm:flex">
            {portalPrefix}
          </span>
          <Input
            {...slugControl}
            {...fieldAria('slug', slugError, true)}
            className="rounded-none font-mono sm:rounded-none"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => {
              event.target.value = event.target.value.toLowerCase();
              slugTyped();
              return onChange(event);
            }}
          />
          <span className="text-muted-foreground bg-muted flex items-center rounded-r-md border border-l-0 px-2 text-sm">
            {portalSuffix}
          </span>
        </div>
      </Field>
    </>
  );
}
