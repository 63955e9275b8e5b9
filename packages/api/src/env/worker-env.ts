import { z } from 'zod';

/** The worker's configuration (apps/worker reads it; docs/operations.md's table is made from it). */
export const ZWorkerEnv = z
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
    /**
     * Where the daily "backups" schedule writes each clinic's backup: a directory, or
     * `s3://bucket/prefix`. Unset: the worker takes no backups. Needs DATABASE_OWNER_URL and
     * ARCHIVE_SIGNING_KEY.
     */
    BACKUP_STORE: z.string().min(1).optional(),
    /** The owner role (eventora_owner), for backups: an export reads every table of a clinic. */
    DATABASE_OWNER_URL: z.url().optional(),
    /** Signs backups (32+ characters); the same key verifies them at restore. Never logged. */
    ARCHIVE_SIGNING_KEY: z.string().min(32).optional(),
    /** An S3-compatible server's URL (MinIO, R2…) for an s3:// BACKUP_STORE; unset for AWS S3. */
    S3_ENDPOINT: z.url().optional(),
    /** The bucket's region for an s3:// BACKUP_STORE. */
    AWS_REGION: z.string().min(1).optional(),
    /** Credentials for an s3:// BACKUP_STORE; unset: the AWS SDK's own chain (instance roles…). */
    AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
    /** The secret of AWS_ACCESS_KEY_ID. Never logged. */
    AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    // A store without what a backup needs would fail every night: refuse to start instead.
    if (env.BACKUP_STORE) {
      for (const name of ['DATABASE_OWNER_URL', 'ARCHIVE_SIGNING_KEY'] as const) {
        if (!env[name]) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'Required with BACKUP_STORE.' });
        }
      }
    }
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
