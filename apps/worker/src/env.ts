import { z } from 'zod';

const ZWorkerEnv = z
  .object({
    /** The runtime role (eventora_app): tenant work runs as it, under RLS. */
    DATABASE_URL: z.url(),
    /** The control-plane role (eventora_platform): the queue, the registry, run records. */
    DATABASE_PLATFORM_URL: z.url(),
    DATABASE_CONNECTION_BUDGET: z.coerce.number().int().min(4).max(500).default(20),
    /** Where mail goes: `smtp://user:pass@host:587`. Required in production. Never logged. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The platform's sending address; each clinic sends in its own name from it. */
    MAIL_FROM: z.email().default('mail@eventora.localhost'),
    /** Signs reminders' unsubscribe links; the portal checks them with the same secret. */
    MAIL_LINK_SECRET: z.string().min(16).optional(),
    ROOT_DOMAIN: z.string().min(1).default('localhost'),
    PORTAL_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    // Refuse to start rather than accept mail that would never leave.
    if (!env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'Required in production.' });
    }
    if (!env.MAIL_LINK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_LINK_SECRET'],
        message: 'Required in production.',
      });
    }
  });

export type WorkerEnv = z.infer<typeof ZWorkerEnv>;

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
