'use client';

import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Takes a clinic's short name and goes to its portal. */
export function ClinicFinder({ suffix, protocol }: { suffix: string; protocol: string }) {
  const [slug, setSlug] = useState('');
  const [error, setError] = useState<string>();
  const t = useTranslations('landing');
  return (
    <form
      noValidate
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const value = slug.trim().toLowerCase();
        if (!SLUG.test(value)) {
          setError(t('badAddress'));
          return;
        }
        // Another origin (the clinic's own host): a full navigation, not a client-side one.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.href = `${protocol}://${value}${suffix}/`;
      }}
    >
      <Field id="clinic" label={t('addressLabel')} error={error}>
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
            placeholder={t('placeholder')}
            {...fieldAria('clinic', error)}
          />
          <span className="text-muted-foreground shrink-0 text-sm">{suffix}</span>
        </div>
      </Field>
      <Button type="submit" size="lg">
        {t('go')}
      </Button>
    </form>
  );
}
