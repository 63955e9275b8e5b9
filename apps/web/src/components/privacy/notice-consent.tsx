'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';

import type { RouterOutputs } from '~/trpc/outputs';

export type NoticeSummary = Pick<RouterOutputs['privacy']['notice'], 'version' | 'body'>;

/**
 * The privacy notice, readable in place, and the box a person ticks to accept it. Sign-up
 * sends the version shown here: a notice republished meanwhile is refused by the API.
 */
export function NoticeConsent({
  notice,
  checked,
  onChange,
  error,
}: {
  notice: NoticeSummary;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  const id = useId();
  const t = useTranslations('privacy');
  return (
    <div className="grid gap-2">
      <details className="bg-muted/40 rounded-md border px-3 py-2 text-sm">
        <summary className="cursor-pointer font-medium">
          {t('readNotice', { version: notice.version })}
        </summary>
        <div className="text-muted-foreground mt-2 max-h-60 overflow-y-auto whitespace-pre-line">
          {notice.body}
        </div>
      </details>
      <label htmlFor={id} className="flex items-start gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          className="accent-primary mt-0.5 size-4"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{t('acceptCheckbox')}</span>
      </label>
      {error ? (
        <p id={`${id}-error`} className="text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
