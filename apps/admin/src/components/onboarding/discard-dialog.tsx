'use client';

import { Button } from '@eventora/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@eventora/ui/dialog';
import { errorMessage } from '@eventora/ui/error-message';
import { Field } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';

/** Discarding a half-made clinic asks for its address typed out: it cannot be undone. */
export function DiscardDialog({
  slug,
  open,
  onOpenChange,
  onDiscarded,
}: {
  slug: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Once the clinic is gone; the caller closes the dialog. */
  onDiscarded: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const [typed, setTyped] = useState('');
  const discard = useMutation(
    trpc.admin.clinic.discard.mutationOptions({
      onSuccess: () => onDiscarded(),
    }),
  );

  return (
    <Dialog open={open} onOpenChange={(next) => !discard.isPending && onOpenChange(next)}>
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
              Removes what provisioning made: the registry row and, for its own schema or database,
              that schema or database. The address becomes free again.
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
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
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
  );
}
