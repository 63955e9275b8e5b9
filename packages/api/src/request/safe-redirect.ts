/** Stands for the app's own origin: whatever resolves elsewhere is another site. */
const OWN_ORIGIN = 'https://app.eventora.invalid';

/**
 * Where a `next` parameter may send a signed-in user: a path on this app's own origin, or
 * undefined. The value is resolved against the app's origin as a browser would resolve it and
 * must stay on that origin. Control characters and backslashes are refused outright: browsers
 * drop tabs and newlines inside URLs (`/\t/evil.example` becomes `//evil.example`) and read `\`
 * as `/`, so what looks like a path can be another site. Used by both apps' sign-in pages.
 */
export function safeRedirectPath(next: string | null | undefined): string | undefined {
  if (!next || next.length > 2_000 || !next.startsWith('/')) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, OWN_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== OWN_ORIGIN) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
