'use client';

import { RadioGroup as RadioGroupPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';

import { cn } from './cn';

/**
 * A radio group (Radix) for choices dressed as buttons or cards: one Tab stop for the whole
 * group (the checked item, or the first), arrow keys move and check, Space checks. Items are
 * unstyled: the caller dresses them; `data-state=checked` marks the chosen one.
 */
export function RadioGroup({
  className,
  ...props
}: ComponentProps<typeof RadioGroupPrimitive.Root>) {
  return <RadioGroupPrimitive.Root data-slot="radio-group" className={className} {...props} />;
}

/** One choice: a `button` with role radio and aria-checked, focus ring when focused by keyboard. */
export function RadioGroupItem({
  className,
  ...props
}: ComponentProps<typeof RadioGroupPrimitive.Item>) {
  return (
    <RadioGroupPrimitive.Item
      data-slot="radio-group-item"
      className={cn(
        'focus-visible:ring-ring/60 focus-visible:ring-[3px] focus-visible:outline-none',
        className,
      )}
      {...props}
    />
  );
}
