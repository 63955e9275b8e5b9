import {
  readConsoleEnv,
  trustedProxyHops as readTrustedProxyHops,
  type EnvSource,
  type ConsoleEnv,
} from '@eventora/api/env';

// The console's variables are declared in @eventora/api (src/env/console-env.ts); docs/operations.md lists them.

let parsed: ConsoleEnv | undefined;

/** The console's configuration, read once, on first use (`next build` needs no database). */
export function serverEnv(): ConsoleEnv {
  parsed ??= readConsoleEnv(process.env);
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
