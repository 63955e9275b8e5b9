import type { PasswordResetMailer, PlatformClient } from '@eventora/auth';
import type { Logger } from '@eventora/observability';
import type { BillingService } from '@eventora/billing';
import type pg from 'pg';
import type { PlatformWriter, TenantRouter } from '@eventora/tenancy';
import type { Migration } from '@eventora/tenancy/migrations';
import type { MoveConnections } from '@eventora/tenancy/moves';
import type { BackupStore } from '@eventora/tenancy/backups';

import type { ClinicRateLimiter } from './request/clinic-rate-limit';

/**
 * What the API needs from the process it runs in, built once at start-up by the app (see
 * apps/web/src/server/services.ts) and handed to every request's context. Tests build their
 * own, on a test database.
 */
export interface ApiServices {
  /** Routes a clinic to its tenant client (shared, schema or database). */
  tenants: TenantRouter;
  /**
   * The control-plane client. The console: the eventora_platform role. The portal: the runtime
   * role (eventora_app), which may read the registry (`clinics`) and nothing else of the
   * control plane, so a portal holds no role that can start operator sessions or edit clinics.
   */
  platform: PlatformClient;
  /**
   * Where request stats are added (request/request-stats.ts). The portal: its own
   * eventora_portal_stats role (INSERT/UPDATE on `api_request_stats` alone). Absent: `platform`
   * (the console, tests).
   */
  statsWriter?: Pick<PlatformClient, '$executeRawUnsafe'>;
  /**
   * The console only: writes operators' entries into clinics' own audit logs as the platform
   * role (for clinics in their own database, and for `asPlatform`). Absent in the portal.
   */
  platformWriter?: PlatformWriter;
  /**
   * The console only: the job queue's tables (pg-boss, in the control plane), read and retried
   * as eventora_platform. Absent in the portal: the jobs procedures refuse.
   */
  jobQueue?: pg.Pool;
  /** Portals live at `<slug>.<rootDomain>` (e.g. `localhost`, `eventora.app`). */
  rootDomain: string;
  /** Delivers password reset links. */
  mailer: PasswordResetMailer;
  /** The clock; tests move it. */
  now: () => Date;
  /** A clinic portal's address, for links in messages (`http://alpha.localhost:3000`). */
  portalUrl: (slug: string) => string;
  /**
   * Provisioning new clinics (the admin console only): the owner role's URL, which runs DDL,
   * and the migrations to run on a new schema or database. Absent in the portal.
   */
  provisioning?: { ownerUrl: string; migrations: () => Promise<Migration[]> };
  /**
   * Checks reminders' unsubscribe links (the worker signs them with the same secret, see
   * jobs/unsubscribe-token.ts). Absent: the unsubscribe procedure refuses.
   */
  mailLinkSecret?: string;
  /**
   * Moving clinics between shared, schema and database (the admin console only): how the move
   * engine reaches every place (owner and runtime URLs, secrets) and the migrations on disk.
   * Absent in the portal.
   */
  moves?: MoveConnections & { migrations: () => Promise<Migration[]> };
  /**
   * The console only: a clinic's backups, listed and restored (routers/admin/backups): the owner
   * role, the archives' signing key, the store and the migrations — or, when the console's
   * environment lacks some, their names, which the panel shows. Absent in the portal.
   */
  backups?: ConsoleBackups;
  /** Development only: hand one-time links (set password) to the operator on screen. */
  revealLinks?: boolean;
  /**
   * Stripe checkout and the webhook, or the simulated provider without Stripe keys (see
   * apps/web/src/server/services.ts). Absent (the console): billing procedures refuse.
   */
  billing?: BillingService;
  /** One JSON line per call (request/observe-call.ts); silent when absent (tests, tools). */
  logger?: Logger;
  /** Accept a trusted proxy's `traceparent` as the request's trace and request id. */
  trustTraceparent?: boolean;
  /**
   * Fair share between clinics (request/clinic-rate-limit.ts): a clinic past its rate gets 429
   * with Retry-After. Absent: no limit (the console, most tests).
   */
  rateLimiter?: ClinicRateLimiter;
  /**
   * The console only: a tracing UI's address for one clinic's traces, with `{clinicId}` and
   * `{clinicSlug}` standing for the clinic's (TRACE_UI_URL). Absent: the console links to none.
   */
  traceUiUrl?: string;
}

export type ConsoleBackups =
  | {
      configured: true;
      ownerUrl: string;
      signingKey: string;
      store: BackupStore;
      secrets?: (name: string) => string | undefined;
      migrations: () => Promise<Migration[]>;
      /**
       * The console's public address (CONSOLE_PUBLIC_URL), where owners' final-export links
       * point (`/final-export/<slug>/<token>`). Absent: links are not sent.
       */
      publicUrl?: string;
    }
  | { configured: false; missing: string[] };
