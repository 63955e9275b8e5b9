import { z } from 'zod';

import { readEnv, type EnvSource } from './read-env';

/**
 * The console's configuration (apps/admin), read with `readConsoleEnv(process.env)`. It holds
 * the owner role's URL because onboarding creates schemas and databases; it never uses it for
 * clinic data, which it reaches only through the audited tenancy path as the runtime role.
 */
export const ZConsoleEnv = z.object({
  /** The runtime role (eventora_app), for audited platform access and per-clinic figures. */
  DATABASE_URL: z.url(),
  /** The platform role: the registry, operators, the platform audit log. */
  DATABASE_PLATFORM_URL: z.url(),
  /** The owner role: provisioning new clinics (DDL). Optional: without it, onboarding is off. */
  DATABASE_OWNER_URL: z.url().optional(),
  /** Where migrations live; defaults to the repository's packages/db/prisma/migrations. */
  EVENTORA_MIGRATIONS_DIR: z.string().min(1).optional(),
  ROOT_DOMAIN: z.string().min(1).default('localhost'),
  /** The portal's port on localhost (links in messages); 3000 in development. */
  PORTAL_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export type ConsoleEnv = z.infer<typeof ZConsoleEnv>;

export function readConsoleEnv(source: EnvSource): ConsoleEnv {
  return readEnv(ZConsoleEnv, source, 'console');
}
