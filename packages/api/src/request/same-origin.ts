/** What the same-origin check reads from a request (a subset of RequestMeta). */
export interface OriginSignals {
  method: string;
  origin: string | null;
  host: string | null;
  /** The browser's `Sec-Fetch-Site` (`same-origin`, `same-site`, `cross-site`, `none`). */
  secFetchSite?: string | null;
  cookieHeader: string | null;
  authorizationHeader: string | null;
}

/**
 * CSRF: refuses a request that a browser made on another site's behalf, before any procedure
 * runs. Two rules:
 *
 * 1. A state-changing method (anything but GET/HEAD/OPTIONS) with a foreign `Origin` is refused,
 *    whoever sends it (browsers send `Origin` on every cross-site POST).
 * 2. A request that carries cookies and no `Authorization` header (a browser's session; a
 *    request with `Authorization` is judged by its bearer token alone, see readSessionToken)
 *    must prove it comes from the app's own page, whatever its method: GET queries write
 *    audit entries too (`client.view`), and a cross-site link or `<img>` would forge them.
 *    Proof is `Sec-Fetch-Site: same-origin` (or `none`: the person typed the address), or,
 *    without that header, an `Origin` equal to this host. A sibling clinic's portal is
 *    `same-site`, not `same-origin`, and is refused. A cookie-bearing request with neither
 *    header is refused: no browser of ours omits both, and failing closed costs nothing.
 */
export function isCrossSiteRequest(request: OriginSignals): boolean {
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS') return false;
  const originIsOwn = request.origin ? sameHost(request.origin, request.host) : null;
  if (method !== 'GET' && method !== 'HEAD' && originIsOwn === false) return true;

  const cookieBearing = Boolean(request.cookieHeader?.trim()) && !request.authorizationHeader;
  if (!cookieBearing) return false;
  const site = request.secFetchSite?.trim().toLowerCase();
  if (site) return (site !== 'same-origin' && site !== 'none') || originIsOwn === false;
  return originIsOwn !== true;
}

function sameHost(origin: string, host: string | null): boolean {
  try {
    return new URL(origin).host.toLowerCase() === (host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
