import type { ReactNode } from 'react';

import { cn } from './cn';
import { Label } from './label';

export interface FieldProps {
  /** The control's id: the label points at it and the messages describe it. */
  id: string;
  label: ReactNode;
  /** Help shown under the control. */
  description?: ReactNode;
  /** The validation message; also announced to screen readers. */
  error?: string;
  className?: string;
  /** The control; give it `id`, `aria-invalid` and `aria-describedby` from `fieldAria(id, error)`. */
  children: ReactNode;
}

/** Ids and ARIA attributes that tie a control to its Field's description and error. */
export function fieldAria(id: string, error?: string, hasDescription = false) {
  const describedBy = [hasDescription ? `${id}-description` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

/** A labelled form control with optional help text and an error message. */
export function Field({ id, label, description, error, className, children }: FieldProps) {
  return (
    <div data-slot="field" className={cn('grid gap-2', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {description ? (
        <p id={`${id}-description`} className="text-muted-foreground text-sm">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-destructive text-sm font-medium">
          {error}
        </p>
      ) : null}
    </div>
  );
}
