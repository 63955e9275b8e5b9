'use client';

import { ZReason } from '@eventora/api/schemas';
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
import { Textarea } from '@eventora/ui/textarea';
import { useId, useState, type ReactNode } from 'react';

import { errorMessage, fieldErrors } from './states';

/**
 * A confirmation that needs a written reason (suspend, reactivate, break-glass), validated with
 * the API's own schema. Radix Dialog: focus trapped inside, Escape cancels.
 */
export function ReasonDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  destructive = false,
  reasonHint = 'Recorded in the platform audit log and in the clinic’s own audit log, which its owners read.',
  pending,
  error,
  onConfirm,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  reasonHint?: string;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string, form: FormData) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const parsed = ZReason.safeParse(reason);
  const localError = parsed.success ? undefined : parsed.error.issues[0]?.message;
  const shown = (touched ? localError : undefined) ?? fieldErrors(error).reason;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        if (!next) setTouched(false);
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            setTouched(true);
            if (!parsed.success || pending) return;
            onConfirm(parsed.data, new FormData(event.currentTarget));
          }}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription asChild>
              <div>{description}</div>
            </DialogDescription>
          </DialogHeader>
          {children}
          <Field id={`${id}-reason`} label="Reason" description={reasonHint} error={shown}>
            <Textarea
              {...fieldAria(`${id}-reason`, shown, true)}
              name="reason"
              value={reason}
              required
              rows={3}
              onChange={(event) => setReason(event.target.value)}
              onBlur={() => setTouched(true)}
            />
          </Field>
          {error && !fieldErrors(error).reason ? (
            <p role="alert" className="text-destructive text-sm font-medium">
              {errorMessage(error)}
            </p>
          ) : null}
          <DialogFooter>
            <Button
              type="button"
              variant="outline"
              onClick={() => onOpenChange(false)}
              disabled={pending}
            >
              Cancel
            </Button>
            <Button
              type="submit"
              variant={destructive ? 'destructive' : 'default'}
              loading={pending}
            >
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
