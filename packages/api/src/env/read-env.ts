import { z } from 'zod';

/** Where configuration comes from: `process.env` in the apps, a plain object in tests. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * Both apps read their configuration this way, once, on first use (not at build time:
 * `next build` must work without a database). A missing or malformed variable throws, naming
 * every variable at fault and none of their values.
 */
export function readEnv<T extends z.ZodType>(
  schema: T,
  source: EnvSource,
  app: string,
): z.output<T> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const names = [...new Set(result.error.issues.map((issue) => issue.path.join('.')))].join(', ');
    throw new Error(`Invalid ${app} configuration: ${names}. See docs/operations.md.`);
  }
  return result.data;
}

/**
 * How many proxies in front of an app append to X-Forwarded-For and are trusted to (0, the
 * default: none; the client's address is the socket's peer). Read alone, at start-up, by the
 * apps' instrumentation hooks, before the rest of the configuration is needed.
 */
export function trustedProxyHops(source: EnvSource): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .safeParse(source.TRUSTED_PROXY_HOPS || undefined);
  if (!parsed.success) throw new Error('Invalid configuration: TRUSTED_PROXY_HOPS (0 to 10).');
  return parsed.data;
}
