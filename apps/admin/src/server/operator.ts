import 'server-only';

import {
  createPlatformClient,
  readPlatformSessionToken,
  validatePlatformSessionToken,
  type PlatformClient,
} from '@eventora/auth';
import { headers } from 'next/headers';
import { cache } from 'react';

import { serverEnv } from './env';

/*
 * Server components check the operator's session with a platform client of their own. They
 * never touch services(): Next bundles server components and route handlers as separate module
 * graphs, and a TenantRouter made by one graph's @eventora/tenancy does not see the clinic that
 * the other graph's asPlatform binds (two AsyncLocalStorage instances).
 */
const globalRsc = globalThis as typeof globalThis & { eventoraConsoleRscPlatform?: PlatformClient };

function platform(): PlatformClient {
  globalRsc.eventoraConsoleRscPlatform ??= createPlatformClient({
    connectionString: serverEnv().DATABASE_PLATFORM_URL,
    maxConnections: 2,
  });
  return globalRsc.eventoraConsoleRscPlatform;
}

/**
 * The signed-in operator for this request, or null: the same check the console's procedures
 * make (the platform session cookie, looked up as the platform role). Clinic sessions are not
 * platform sessions, so they are unknown here.
 */
export const currentOperator = cache(async () => {
  const cookieHeader = (await headers()).get('cookie');
  const token = readPlatformSessionToken({ cookieHeader });
  if (!token) return null;
  const valid = await validatePlatformSessionToken(platform(), token);
  return valid
    ? { id: valid.operator.id, email: valid.operator.email, name: valid.operator.name }
    : null;
});

/** A clinic portal's address pattern (`http://{slug}.localhost:3000`), from configuration. */
export function portalUrlPattern(): string {
  const { ROOT_DOMAIN, PORTAL_PORT } = serverEnv();
  return ROOT_DOMAIN === 'localhost'
    ? `http://{slug}.localhost:${PORTAL_PORT}`
    : `https://{slug}.${ROOT_DOMAIN}`;
}
