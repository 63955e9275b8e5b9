import { ZWorkerEnv, type WorkerEnv } from '@eventora/api/env';

export type { WorkerEnv };

/**
 * The worker's configuration. Throws naming the variables at fault (never their values: a URL
 * may hold a password).
 */
export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  const result = ZWorkerEnv.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid worker configuration: ${problems}`);
  }
  return result.data;
}

/** The process's environment, read here only (lint keeps `process.env` out of other files). */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}

/** A database-mode clinic's URL secret, by the name the registry stores. */
export function secretByName(name: string): string | undefined {
  return process.env[name];
}
