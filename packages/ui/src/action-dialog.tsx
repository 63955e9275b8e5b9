'use client';

import { CircleAlert } from 'lucide-react';
import type { ComponentProps, ReactNode } from 'react';

import { Alert, AlertDescription } from './alert';
import { Button } from './button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from './dialog';
import { errorMessage } from './error-message';
import { useUiLabels } from './labels';

/**
 * A dialog that asks for one action: title, description, the failed call's message (if any),
 * the body, and usually `DialogActions` at the foot. While `busy` (the action's call is in
 * flight) it cannot be closed.
 */
export function ActionDialog({
  open,
  onOpenChange,
  busy = false,
  trigger,
  title,
  description,
  error,
  className,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  busy?: boolean;
  /** The element that opens it (a button), when the dialog owns its trigger. */
  trigger?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** The action's error (a mutation's `error`); shown above the body through `errorMessage`. */
  error?: unknown;
  className?: string;
  children?: ReactNode;
}) {
  const labels = useUiLabels();
  return (
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description ? <DialogDescription>{description}</DialogDescription> : null}
        </DialogHeader>
        {error ? (
          <Alert variant="destructive">
            <CircleAlert />
            <AlertDescription>{errorMessage(error, labels.errors)}</AlertDescription>
          </Alert>
        ) : null}
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** A dialog's foot: a way back (outline) and the action, which shows `pending` as loading. */
export function DialogActions({
  cancelLabel,
  onCancel,
  submitLabel,
  onSubmit,
  submitType = 'button',
  variant,
  pending = false,
  disabled = false,
}: {
  cancelLabel?: ReactNode;
  onCancel: () => void;
  submitLabel: ReactNode;
  /** Left out for `submitType="submit"`, where the surrounding form handles it. */
  onSubmit?: () => void;
  submitType?: 'button' | 'submit';
  variant?: ComponentProps<typeof Button>['variant'];
  pending?: boolean;
  disabled?: boolean;
}) {
  const labels = useUiLabels();
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
        {cancelLabel ?? labels.cancel}
      </Button>
      <Button
        type={submitType}
        variant={variant}
        loading={pending}
        disabled={disabled}
        onClick={onSubmit}
      >
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
