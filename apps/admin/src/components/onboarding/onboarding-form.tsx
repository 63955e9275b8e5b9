'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import Link from 'next/link';

import { ClinicFields } from './clinic-fields';
import { ModeChoice } from './mode-choice';
import { OnboardingDone } from './onboarding-done';
import { OwnerFields } from './owner-fields';
import { ProvisioningProgress } from './provisioning-progress';
import { ProvisioningRecovery } from './provisioning-recovery';
import { useOnboarding } from './use-onboarding';

export function OnboardingForm({ portalUrlPattern }: { portalUrlPattern: string }) {
  const onboarding = useOnboarding();
  const { form, create, row, submit, startOver } = onboarding;
  const values = form.watch();

  if (create.isSuccess) {
    return (
      <OnboardingDone
        name={create.variables.name}
        portalUrl={portalUrlPattern.replace('{slug}', create.variables.slug)}
        result={create.data}
        onAnother={startOver}
      />
    );
  }

  const busy = create.isPending;
  const failedInProvisioning = create.isError && row?.onboardingState === 'failed';
  // A refusal about the name or the address stands under that field, not again up here.
  const { errors } = form.formState;
  const onAField = errors.slug?.type === 'server' || errors.name?.type === 'server';

  return (
    <form
      noValidate
      className="bg-card grid max-w-3xl gap-5 rounded-xl border p-4"
      aria-busy={busy}
      onSubmit={submit}
    >
      <fieldset disabled={busy} className="grid gap-4 sm:grid-cols-2">
        <ClinicFields onboarding={onboarding} portalUrlPattern={portalUrlPattern} />
      </fieldset>

      <fieldset disabled={busy}>
        <ModeChoice onboarding={onboarding} />
      </fieldset>

      <fieldset disabled={busy} className="grid gap-4 sm:grid-cols-3">
        <OwnerFields onboarding={onboarding} />
      </fieldset>

      {busy || create.isError ? (
        <ProvisioningProgress
          mode={create.variables?.mode ?? values.mode}
          slug={create.variables?.slug ?? values.slug}
          busy={busy}
          registered={Boolean(row)}
          state={row?.onboardingState ?? null}
        />
      ) : null}

      {failedInProvisioning ? (
        <ProvisioningRecovery
          slug={create.variables?.slug ?? values.slug}
          error={errorMessage(create.error)}
          owner={{ email: values.ownerEmail, name: values.ownerName }}
          onDiscarded={() => create.reset()}
        />
      ) : create.isError && !onAField ? (
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
