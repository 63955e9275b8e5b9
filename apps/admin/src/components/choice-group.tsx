import { cn } from '@eventora/ui/cn';

/**
 * Radio buttons drawn as cards (a title and a line of detail each), for a choice the operator
 * should read before making: where a clinic's data lives, how long an access lasts.
 */
export function ChoiceGroup<T extends string | number>({
  legend,
  name,
  options,
  value,
  defaultValue,
  onChange,
  compact = false,
}: {
  legend: string;
  name: string;
  options: readonly { value: T; title: string; detail?: string }[];
  /** Controlled; or `defaultValue` for a plain form field read on submit. */
  value?: T;
  defaultValue?: T;
  onChange?: (value: T) => void;
  /** Titles only, side by side. */
  compact?: boolean;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div
        className={cn(
          'gap-2',
          compact ? 'flex flex-wrap' : 'grid grid-cols-[repeat(auto-fit,minmax(200px,1fr))]',
        )}
      >
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              'bg-card has-[:checked]:border-primary has-[:checked]:bg-accent flex cursor-pointer items-start gap-2 rounded-md border p-2.5',
              compact && 'py-1.5',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              className="accent-primary mt-1"
              {...(value === undefined
                ? { defaultChecked: option.value === defaultValue }
                : { checked: option.value === value })}
              onChange={() => onChange?.(option.value)}
            />
            <span>
              <strong className="block">{option.title}</strong>
              {option.detail ? (
                <span className="text-muted-foreground text-sm">{option.detail}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
