import { z } from 'zod';

/**
 * The portal's configuration, validated once, on first use (not at build time: `next build`
 * must work without a database). A missing or malformed variable fails the first request
 * with a message naming it.
 */
const ZServerEnv = z.object({
  /** The runtime role (eventora_app): owns nothing, cannot bypass RLS. */
  DATABASE_URL: z.url(),
  /** The platform role, for operator sessions (used by the console; the portal never accepts them). */
  DATABASE_PLATFORM_URL: z.url(),
  /** Portals are served at <slug>.<ROOT_DOMAIN>. */
  ROOT_DOMAIN: z.string().min(1).default('localhost'),
  /** The portal's port on localhost (links in messages); 3000 in development. */
  PORTAL_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Test runs only: write outgoing messages (password reset and set-password links) as JSON
   * files into this folder instead of printing them. Refused in production.
   */
  EVENTORA_MAIL_OUTBOX: z.string().min(1).optional(),
  /** Development only: print password reset links with their token instead of mailing them. */
  DEV_REVEAL_RESET_LINKS: z.enum(['0', '1']).default('0'),
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

export type ServerEnv = z.infer<typeof ZServerEnv>;

let parsed: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (!parsed) {
    const result = ZServerEnv.safeParse(process.env);
    if (!result.success) {
      const names = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
      throw new Error(
        `Invalid portal configuration: ${names}. See README.md, "Using your own PostgreSQL".`,
      );
    }
    parsed = result.data;
  }
  return parsed;
}
