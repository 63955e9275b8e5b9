import {
  readPortalEnv,
  trustedProxyHops as readTrustedProxyHops,
  type EnvSource,
  type PortalEnv,
} from '@eventora/api/env';

// The portal's variables are declared in @eventora/api (src/env/portal-env.ts); docs/operations.md lists them.

let parsed: PortalEnv | undefined;

/** The portal's configuration, read once, on first use (`next build` needs no database). */
export function serverEnv(): PortalEnv {
  parsed ??= readPortalEnv(process.env);
  return parsed;
}

/** Secrets named at run time (a database-mode clinic's `database_url_ref`, …), read by name. */
export function secrets(): EnvSource {
  return process.env;
}

/** Read alone, at start-up, by the instrumentation hook. */
export function trustedProxyHops(): number {
  return readTrustedProxyHops(process.env);
}
