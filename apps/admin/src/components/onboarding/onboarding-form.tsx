'use client';

import { ZAdminClinicCreateInput, ZSlug } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';
import { errorMessage } from '@eventora/ui/error-message';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';

import { ChoiceGroup } from '~/components/choice-group';
import { fieldErrors } from '~/components/states';
import { useTRPC } from '~/trpc/react';
import { OnboardingDone } from './onboarding-done';
import { ProvisioningProgress } from './provisioning-progress';
import { ProvisioningRecovery } from './provisioning-recovery';
import { suggestSlug } from './suggest-slug';

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

interface Form {
  name: string;
  slug: string;
  mode: Mode;
  timezone: string;
  ownerEmail: string;
  ownerName: string;
}

type FieldName = keyof Form;

const EMPTY: Form = {
  name: '',
  slug: '',
  mode: 'shared',
  timezone: 'UTC',
  ownerEmail: '',
  ownerName: '',
};

/** Each field checked with the API's own schema (ZAdminClinicCreateInput, ZSlug). */
function validate(form: Form): Partial<Record<FieldName, string>> {
  const result = ZAdminClinicCreateInput.safeParse(form);
  const errors: Partial<Record<FieldName, string>> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as FieldName;
      errors[field] ??= issue.message;
    }
  }
  return errors;
}

export function OnboardingForm({ portalUrlPattern }: { portalUrlPattern: string }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<Form>(EMPTY);
  const [slugEdited, setSlugEdited] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const timezones = useMemo(() => ['UTC', ...Intl.supportedValuesOf('timeZone')], []);

  const create = useMutation(trpc.admin.clinic.create.mutationOptions());

  // The registry row appears as soon as provisioning starts: its state is the progress.
  const watched = useQuery({
    ...trpc.admin.clinic.list.queryOptions({ search: form.slug, pageSize: 5 }),
    enabled: create.isPending || create.isError,
    refetchInterval: create.isPending ? 800 : false,
  });
  const row = watched.data?.items.find((item) => item.slug === form.slug);

  const slugCheck = ZSlug.safeParse(form.slug);
  const taken = useQuery({
    ...trpc.admin.clinic.list.queryOptions({ search: form.slug, pageSize: 5 }),
    enabled: slugCheck.success && create.isIdle,
    staleTime: 5_000,
  });
  const slugTaken = create.isIdle && taken.data?.items.some((item) => item.slug === form.slug);

  const local = validate(form);
  const server = fieldErrors(create.error);
  const errorOf = (field: FieldName) =>
    (touched[field] || submitted ? local[field] : undefined) ??
    (field === 'slug' && slugTaken ? 'Already in use.' : undefined) ??
    server[field];

  const set = (field: FieldName, value: string) =>
    setForm((current) => {
      const next = { ...current, [field]: value };
      if (field === 'name' && !slugEdited) next.slug = suggestSlug(value);
      return next;
    });
  const touch = (field: FieldName) => setTouched((current) => ({ ...current, [field]: true }));

  const portalUrl = portalUrlPattern.replace('{slug}', form.slug || 'your-clinic');
  const [portalPrefix, portalSuffix] = portalUrlPattern.split('{slug}') as [string, string];

  if (create.isSuccess) {
    return (
      <OnboardingDone
        name={form.name}
        portalUrl={portalUrl}
        result={create.data}
        onAnother={() => {
          create.reset();
          setSubmitted(false);
          setTouched({});
          setSlugEdited(false);
          setForm(EMPTY);
        }}
      />
    );
  }

  const busy = create.isPending;
  const failedInProvisioning = create.isError && row?.onboardingState === 'failed';

  return (
    <form
      noValidate
      className="bg-card grid max-w-3xl gap-5 rounded-xl border p-4"
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (Object.keys(local).length > 0 || slugTaken || busy) return;
        create.mutate(form);
      }}
    >
      <fieldset disabled={busy} className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Clinic name" error={errorOf('name')}>
          <Input
            {...fieldAria('name', errorOf('name'))}
            value={form.name}
            autoFocus
            onChange={(event) => set('name', event.target.value)}
            onBlur={() => touch('name')}
          />
        </Field>
        <Field
          id="slug"
          label="Address"
          description={`Lower-case letters, digits and inner hyphens; 3–40 characters. Portal: ${portalUrl}`}
          error={errorOf('slug')}
        >
          <div className="flex items-stretch">
            <span className="text-muted-foreground bg-muted hidden items-center rounded-l-md border border-r-0 px-2 text-sm sm:flex">
              {portalPrefix}
            </span>
            <Input
              {...fieldAria('slug', errorOf('slug'), true)}
              className="rounded-none font-mono sm:rounded-none"
              value={form.slug}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => {
                setSlugEdited(true);
                set('slug', event.target.value.toLowerCase());
              }}
              onBlur={() => touch('slug')}
            />
            <span className="text-muted-foreground bg-muted flex items-center rounded-r-md border border-l-0 px-2 text-sm">
              {portalSuffix}
            </span>
          </div>
        </Field>
      </fieldset>

      <fieldset disabled={busy}>
        <ChoiceGroup
          legend="Where its data lives"
          name="mode"
          options={MODES}
          value={form.mode}
          onChange={(mode) => set('mode', mode)}
        />
      </fieldset>

      <fieldset disabled={busy} className="grid gap-4 sm:grid-cols-3">
        <Field id="timezone" label="Time zone" error={errorOf('timezone')}>
          <NativeSelect
            id="timezone"
            value={form.timezone}
            onChange={(event) => set('timezone', event.target.value)}
          >
            {timezones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="ownerName" label="First owner’s name" error={errorOf('ownerName')}>
          <Input
            {...fieldAria('ownerName', errorOf('ownerName'))}
            value={form.ownerName}
            autoComplete="off"
            onChange={(event) => set('ownerName', event.target.value)}
            onBlur={() => touch('ownerName')}
          />
        </Field>
        <Field id="ownerEmail" label="First owner’s email" error={errorOf('ownerEmail')}>
          <Input
            {...fieldAria('ownerEmail', errorOf('ownerEmail'))}
            type="email"
            value={form.ownerEmail}
            autoComplete="off"
            onChange={(event) => set('ownerEmail', event.target.value)}
            onBlur={() => touch('ownerEmail')}
          />
        </Field>
      </fieldset>

      {busy || create.isError ? (
        <ProvisioningProgress
          mode={form.mode}
          slug={form.slug}
          busy={busy}
          registered={Boolean(row)}
          state={row?.onboardingState ?? null}
        />
      ) : null}

      {failedInProvisioning ? (
        <ProvisioningRecovery
          slug={form.slug}
          error={row?.onboardingState === 'failed' ? errorMessage(create.error) : null}
          owner={{ email: form.ownerEmail, name: form.ownerName }}
          onDiscarded={() => create.reset()}
        />
      ) : create.isError && !server.slug && !server.name ? (
        <Alert variant="destructive">
          <AlertTitle>The clinic was not created</AlertTitle>
          <AlertDescription>{errorMessage(create.error)}</AlertDescription>
        </Alert>
      ) : null}

      {!failedInProvisioning ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" loading={busy}>
            {busy ? 'Provisioning…' : 'Create clinic'}
          </Button>
          <Button type="button" variant="outline" asChild>
            <Link href="/clinics">Cancel</Link>
          </Button>
        </div>
      ) : null}
    </form>
  );
}
