'use client';

import { ZAdminClinicCreateInput } from '@eventora/api/schemas';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@eventora/ui/dialog';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { errorMessage } from '@eventora/ui/error-message';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { SetPasswordLink } from './set-password-link';
import { fieldErrors } from '~/components/states';

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
  const [ownerEmail, setOwnerEmail] = useState(owner?.email ?? '');
  const [ownerName, setOwnerName] = useState(owner?.name ?? '');
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [typed, setTyped] = useState('');
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.admin.clinic.pathKey() });

  const retry = useMutation(
    trpc.admin.clinic.retryProvisioning.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        onRetried?.(result);
      },
    }),
  );
  const discard = useMutation(
    trpc.admin.clinic.discard.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        setConfirmDiscard(false);
        onDiscarded?.();
      },
    }),
  );
  const emailCheck = ZAdminClinicCreateInput.shape.ownerEmail.safeParse(ownerEmail);
  const nameCheck = ZAdminClinicCreateInput.shape.ownerName.safeParse(ownerName);
  const fields = fieldErrors(retry.error);

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
          onSubmit={(event) => {
            event.preventDefault();
            if (!emailCheck.success || !nameCheck.success) return;
            retry.mutate({ slug, ownerEmail: emailCheck.data, ownerName: nameCheck.data });
          }}
        >
          <Field
            id="retry-owner-email"
            label="First owner’s email"
            error={
              fields.ownerEmail ??
              (ownerEmail && !emailCheck.success ? 'An email address.' : undefined)
            }
          >
            <Input
              {...fieldAria('retry-owner-email', fields.ownerEmail)}
              type="email"
              value={ownerEmail}
              onChange={(event) => setOwnerEmail(event.target.value)}
            />
          </Field>
          <Field id="retry-owner-name" label="First owner’s name" error={fields.ownerName}>
            <Input
              {...fieldAria('retry-owner-name', fields.ownerName)}
              value={ownerName}
              onChange={(event) => setOwnerName(event.target.value)}
            />
          </Field>
          <Button
            type="submit"
            loading={retry.isPending}
            disabled={!emailCheck.success || !nameCheck.success}
          >
            Retry provisioning
          </Button>
          <Button type="button" variant="outline" onClick={() => setConfirmDiscard(true)}>
            Discard…
          </Button>
        </form>
        {retry.error && !fields.ownerEmail && !fields.ownerName ? (
          <p role="alert" className="mt-2 font-medium">
            Retry failed: {errorMessage(retry.error)}
          </p>
        ) : null}
      </AlertDescription>

      <Dialog
        open={confirmDiscard}
        onOpenChange={(open) => !discard.isPending && setConfirmDiscard(open)}
      >
        <DialogContent>
          <form
            className="grid gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              if (typed === slug) discard.mutate({ slug });
            }}
          >
            <DialogHeader>
              <DialogTitle>Discard {slug}?</DialogTitle>
              <DialogDescription>
                Removes what provisioning made: the registry row and, for its own schema or
                database, that schema or database. The address becomes free again.
              </DialogDescription>
            </DialogHeader>
            <Field id="discard-confirm" label={`Type ${slug} to confirm`}>
              <Input
                id="discard-confirm"
                autoComplete="off"
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
              />
            </Field>
            {discard.error ? (
              <p role="alert" className="text-destructive text-sm font-medium">
                {errorMessage(discard.error)}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setConfirmDiscard(false)}>
                Cancel
              </Button>
              <Button
                type="submit"
                variant="destructive"
                disabled={typed !== slug}
                loading={discard.isPending}
              >
                Discard clinic
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </Alert>
  );
}
