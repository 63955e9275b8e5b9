'use client';

import { ZAdminClinicSuspendInput } from '@eventora/api/schemas';
import { Button } from '@eventora/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@eventora/ui/dialog';
import { applyServerError, FormError, FormField, useZodForm } from '@eventora/ui/form';
import { Textarea } from '@eventora/ui/textarea';
import { useEffect, useId, type ReactNode } from 'react';

/** The reason every audited operator action takes (the same rule on each procedure). */
const ZReasonForm = ZAdminClinicSuspendInput.pick({ reason: true });

/**
 * A confirmation that needs a written reason (suspend, reactivate, break-glass, a move),
 * validated with the API's own schema. Radix Dialog: focus trapped inside, Escape cancels.
 * Other fields in `children` are plain inputs, handed to `onConfirm` as the form's data.
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
  /** The mutation's error: a message on the reason goes under it, anything else above the buttons. */
  error: unknown;
  onConfirm: (reason: string, form: FormData) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const form = useZodForm(ZReasonForm, { defaultValues: { reason: '' } });
  useEffect(() => {
    if (error) applyServerError(form, error, ['reason']);
  }, [error, form]);
  // Each opening starts blank: a reason is written for one action.
  useEffect(() => {
    if (!open) form.reset();
  }, [open, form]);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!pending) onOpenChange(next);
      }}
    >
      <DialogContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values, event) => {
            if (pending) return;
            onConfirm(values.reason, new FormData(event?.target as HTMLFormElement));
          })}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription asChild>
              <div>{description}</div>
            </DialogDescription>
          </DialogHeader>
          {children}
          <FormField
            form={form}
            name="reason"
            id={`${id}-reason`}
            label="Reason"
            description={reasonHint}
          >
            {(control) => <Textarea {...control} required rows={3} />}
          </FormField>
          <FormError message={form.formState.errors.root?.server?.message} />
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
