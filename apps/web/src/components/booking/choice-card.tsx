import { cn } from '@eventora/ui/cn';
import type { ReactNode } from 'react';

/**
 * A radio button dressed as a card: keyboard (arrow keys within the group), screen readers and
 * forms treat it as the radio it is.
 */
export function ChoiceCard({
  name,
  value,
  checked,
  onChange,
  children,
  className,
  disabled,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  children: ReactNode;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <label
      className={cn(
        'bg-card relative flex cursor-pointer gap-3 rounded-xl border p-4 transition-colors',
        'hover:border-primary/50 has-[:focus-visible]:ring-ring/60 has-[:focus-visible]:ring-[3px]',
        'has-[:checked]:border-primary has-[:checked]:bg-accent has-[:checked]:ring-primary has-[:checked]:ring-1',
        disabled && 'pointer-events-none opacity-50',
        className,
      )}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={() => onChange(value)}
        className="sr-only"
      />
      {children}
    </label>
  );
}
