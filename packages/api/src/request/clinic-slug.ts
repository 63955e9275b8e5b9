/**
 * Which clinic a request is for: the host's first label under the root domain
 * (`alpha.localhost:3000` → `alpha`), or, for API clients, an `x-clinic: <slug>` header. This
 * only picks which clinic to sign in to or to read public pages of; after sign-in the clinic
 * is the session's (a session is looked up with this clinic bound, so another clinic's
 * session is simply not found).
 */
export type ClinicSlugResult =
  { kind: 'none' } | { kind: 'slug'; slug: string } | { kind: 'conflict' };

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// A UUID-shaped name is never a slug (the registry refuses one): read as an id it would reach
// whichever clinic has it.
const UUID_SHAPED = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/;
const isSlug = (value: string) => SLUG.test(value) && !UUID_SHAPED.test(value);

export function clinicSlugFor(
  request: { host: string | null; clinicHeader: string | null },
  rootDomain: string,
): ClinicSlugResult {
  const fromHost = slugFromHost(request.host, rootDomain);
  const header = request.clinicHeader?.trim().toLowerCase() || undefined;
  const fromHeader = header && isSlug(header) ? header : undefined;
  if (header && !fromHeader) return { kind: 'conflict' };
  if (fromHost && fromHeader && fromHost !== fromHeader) return { kind: 'conflict' };
  const slug = fromHost ?? fromHeader;
  return slug ? { kind: 'slug', slug } : { kind: 'none' };
}

/** The clinic slug in a host under the root domain (`alpha.localhost:3000` → `alpha`), if any. */
export function slugFromHost(host: string | null, rootDomain: string): string | undefined {
  if (!host) return undefined;
  const hostname = host.toLowerCase().replace(/:\d+$/, '');
  const suffix = `.${rootDomain.toLowerCase()}`;
  if (!hostname.endsWith(suffix)) return undefined;
  const label = hostname.slice(0, -suffix.length);
  return isSlug(label) ? label : undefined;
}
