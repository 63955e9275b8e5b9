import type { IntlError } from 'next-intl';

/**
 * A missing or broken translation fails a test, not a user: in development and tests it throws
 * (the page errors, the browser suite fails); in production it is logged and the text shows as
 * `⟦namespace.key⟧`, a marker the browser suite looks for. The catalogs' parity test and the
 * typed keys (global.d.ts) keep it from happening at all.
 */
export function reportIntlError(error: IntlError, strict: boolean): void {
  if (strict) throw error;
  console.error(`[i18n] ${error.code}: ${error.message}`);
}

export function missingMessage({ namespace, key }: { namespace?: string; key: string }): string {
  return `⟦${namespace ? `${namespace}.${key}` : key}⟧`;
}
