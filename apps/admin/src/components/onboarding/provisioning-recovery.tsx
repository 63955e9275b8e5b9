'use client';

import { ZAdminClinicRetryProvisioningInput } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { applyServerError, FormField, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { DiscardDialog } from './discard-dialog';
import { SetPasswordLink } from './set-password-link';

/**
 * A clinic whose provisioning failed is never left half-made: retry it (every step is
 * idempotent) or discard it (its schema or database and registry row are removed).
 */
export function ProvisioningRecovery({
  slug,
  error,
  owner,
  onRetried,
  onDiscarded,
}: {
  slug: string;
  error: string | null;
  /** The first owner typed in the onboarding form, when we still have it. */
  owner?: { email: string; name: string };
  onRetried?: (result: { id: string; setPasswordLink: string | null }) => void;
  onDiscarded?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.admin.clinic.pathKey() });
  // The slug is not a field here: it rides along in the values the schema checks.
  const form = useZodForm(ZAdminClinicRetryProvisioningInput, {
    mode: 'onChange',
    defaultValues: { slug, ownerEmail: owner?.email ?? '', ownerName: owner?.name ?? '' },
  });

  const retry = useMutation(
    trpc.admin.clinic.retryProvisioning.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        onRetried?.(result);
      },
      onError: (failure) => applyServerError(form, failure, ['ownerEmail', 'ownerName']),
    }),
  );
  const { errors, isValid } = form.formState;

  if (retry.data) {
    return (
      <Alert className="mb-4">
        <AlertTitle>Provisioning finished on retry</AlertTitle>
        <AlertDescription>
          <SetPasswordLink link={retry.data.setPasswordLink} />
        </AlertDescription>
      </Alert>
    );
  }

  return (
    <Alert variant="destructive" className="mb-4">
      <AlertTitle>Provisioning failed: nothing is open</AlertTitle>
      <AlertDescription>
        <p className="mb-3">{error ?? 'The last attempt did not finish.'}</p>
        <form
          noValidate
          className="text-foreground grid gap-3 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-end"
          onSubmit={form.handleSubmit((values) => retry.mutate(values))}
        >
          <FormField
            form={form}
            name="ownerEmail"
            id="retry-owner-email"
            label="First owner’s email"
          >
            {(control) => <Input {...control} type="email" />}
          </FormField>
          <FormField form={form} name="ownerName" id="retry-owner-name" label="First owner’s name">
            {(control) => <Input {...control} />}
          </FormField>
          <Button type="submit" loading={retry.isPending} disabled={!isValid}>
            Retry provisioning
          </Button>
          <Button type="button" variant="outline" onClick={() => setConfirmDiscard(true)}>
            Discard…
          </Button>
        </form>
        {retry.error && !errors.ownerEmail && !errors.ownerName ? (
          <p role="alert" className="mt-2 font-medium">
            Retry failed: {errorMessage(retry.error)}
          </p>
        ) : null}
      </AlertDescription>

      <DiscardDialog
        slug={slug}
        open={confirmDiscard}
        onOpenChange={setConfirmDiscard}
        onDiscarded={async () => {
          await invalidate();
          setConfirmDiscard(false);
          onDiscarded?.();
        }}
      />
    </Alert>
  );
}
