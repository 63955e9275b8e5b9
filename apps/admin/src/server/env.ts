import { z } from 'zod';

/**
 * The console's configuration, validated on first use (not at build time). The console holds
 * the owner role's URL because onboarding creates schemas and databases; it never uses it for
 * clinic data, which it reaches only through the audited tenancy path as the runtime role.
 */
export const ZServerEnv = z.object({
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

export type ServerEnv = z.infer<typeof ZServerEnv>;

let parsed: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (!parsed) {
    const result = ZServerEnv.safeParse(process.env);
    if (!result.success) {
      const names = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
      throw new Error(`Invalid console configuration: ${names}. See README.md.`);
    }
    parsed = result.data;
  }
  return parsed;
}

/** Secrets named by the registry (a database-mode clinic's `database_url_ref`), read by name. */
export function secretByName(name: string): string | undefined {
  return process.env[name];
}

/**
 * How many proxies in front of this app append to X-Forwarded-For and are trusted to (0, the
 * default: none; the client's address is the socket's peer). Read alone, at start-up, by the
 * instrumentation hook, before the rest of the configuration is needed.
 */
export function trustedProxyHops(): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .safeParse(process.env.TRUSTED_PROXY_HOPS || undefined);
  if (!parsed.success) throw new Error('Invalid configuration: TRUSTED_PROXY_HOPS (0 to 10).');
  return parsed.data;
}
