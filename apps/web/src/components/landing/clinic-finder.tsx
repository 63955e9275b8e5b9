'use client';

import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { useState } from 'react';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Takes a clinic's short name and goes to its portal. */
export function ClinicFinder({ suffix, protocol }: { suffix: string; protocol: string }) {
  const [slug, setSlug] = useState('');
  const [error, setError] = useState<string>();
  return (
    <form
      noValidate
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const value = slug.trim().toLowerCase();
        if (!SLUG.test(value)) {
          setError('Use the letters, digits and dashes of your clinic’s address.');
          return;
        }
        // Another origin (the clinic's own host): a full navigation, not a client-side one.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.href = `${protocol}://${value}${suffix}/`;
      }}
    >
      <Field id="clinic" label="Your clinic’s address" error={error}>
        <div className="flex items-center gap-2">
          <Input
            value={slug}
            onChange={(event) => {
              setSlug(event.target.value);
              setError(undefined);
            }}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            placeholder="yourclinic"
            {...fieldAria('clinic', error)}
          />
          <span className="text-muted-foreground shrink-0 text-sm">{suffix}</span>
        </div>
      </Field>
      <Button type="submit" size="lg">
        Go to my clinic
      </Button>
    </form>
  );
}
