import superjson from 'superjson';

import type { World } from './world';

/** The portal's environment for a world: the runtime role, its stats writer, one budget. */
export function portalEnv(
  world: World,
  port: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: world.urls.app,
    DATABASE_PORTAL_STATS_URL: world.urls.portalStats,
    DATABASE_CONNECTION_BUDGET: '40',
    ROOT_DOMAIN: 'localhost',
    PORTAL_PORT: String(port),
    // One log line per call would be measured too (and flood the output); warnings still show.
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Path and query of a tRPC query (GET), input serialized as the portal's client does. */
export function trpcQueryPath(procedure: string, input?: unknown): string {
  const search =
    input === undefined
      ? ''
      : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  return `/api/trpc/${procedure}${search}`;
}

/** Headers that address a clinic's portal (Host) as a signed-in API client (bearer token). */
export function clinicHeaders(slug: string, port: number, token?: string): Record<string, string> {
  return {
    host: `${slug}.localhost:${port}`,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}
