/**
 * CSRF: a state-changing request must come from the page's own origin. Browsers send
 * `Origin` on every cross-site POST; a request with a foreign Origin is refused. Requests
 * without Origin are API clients (curl, servers), which carry a bearer token, not cookies.
 */
export function isForeignOrigin(request: {
  method: string;
  origin: string | null;
  host: string | null;
}): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
    return false;
  if (!request.origin) return false;
  try {
    return new URL(request.origin).host.toLowerCase() !== (request.host ?? '').toLowerCase();
  } catch {
    return true;
  }
}
