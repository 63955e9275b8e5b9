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
  /** Signs and verifies clinic archives (the worker's backups): listing and restoring them. */
  ARCHIVE_SIGNING_KEY: z.string().optional(),
  /** The backup store (a directory or s3://bucket/prefix, with the S3_* / AWS_* variables). */
  BACKUP_STORE: z.string().optional(),
  /** An S3-compatible server's URL; the AWS variables as the worker reads them (see README.md). */
  S3_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Where migrations live; defaults to the repository's packages/db/prisma/migrations. */
  EVENTORA_MIGRATIONS_DIR: z.string().min(1).optional(),
  /**
   * The console's public address, where owners download a closed clinic's final export
   * (`/final-export/<slug>/<token>`, no sign-in: the link is the credential). In development it
   * defaults to http://localhost:<CONSOLE_PORT>; in production, unset, no link is sent.
   */
  CONSOLE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The console's port on localhost (the default public address in development). */
  CONSOLE_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  ROOT_DOMAIN: z.string().min(1).default('localhost'),
  /** The portal's port on localhost (links in messages); 3000 in development. */
  PORTAL_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * A tracing UI's address for one clinic's traces; `{clinicId}` and `{clinicSlug}` are filled
   * in (e.g. Jaeger: `http://localhost:16686/search?service=eventora-web&tags=%7B%22clinic.id%22%3A%22{clinicId}%22%7D`).
   * Unset: the clinic page links to no traces.
   */
  TRACE_UI_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type ConsoleEnv = z.infer<typeof ZConsoleEnv>;

export function readConsoleEnv(source: EnvSource): ConsoleEnv {
  return readEnv(ZConsoleEnv, source, 'console');
}
