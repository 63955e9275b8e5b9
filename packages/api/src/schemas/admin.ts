import { z } from 'zod';

import { ZBrandColor, ZEmail, ZEmailAddress, ZPassword, ZReason } from './common';
import { ZTimezone } from './weekly-hours';

/** The console's procedures (`admin.*`). */

/** Slugs that name parts of the platform, never a clinic (`admin.eventora.app`). */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'app',
  'assets',
  'auth',
  'billing',
  'blog',
  'console',
  'dashboard',
  'docs',
  'eventora',
  'help',
  'login',
  'mail',
  'static',
  'status',
  'support',
  'www',
]);

export const ZSlug = z
  .string()
  .trim()
  .min(3, 'At least 3 characters.')
  .max(40, 'At most 40 characters.')
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'Lower-case letters, digits and inner hyphens only.')
  .refine((slug) => !RESERVED_SLUGS.has(slug), 'That name is reserved.')
  // A slug shaped like an id would be read as another clinic's id (the registry refuses it too).
  .refine(
    (slug) => !/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/.test(slug),
    'An address cannot look like a clinic id.',
  );

export const ZMode = z.enum(['shared', 'schema', 'database']);
export const ZStatus = z.enum(['active', 'frozen', 'moving', 'suspended']);
export const ZBillingStatus = z.enum(['trial', 'active', 'past_due', 'cancelled']);

/**
 * The longest read-only look into a clinic an operator may open; the same number as
 * `MAX_PLATFORM_ACCESS_MINUTES` in @eventora/tenancy, which enforces it (admin.test.ts keeps
 * them equal: this module may import nothing but zod).
 */
export const MAX_ACCESS_MINUTES = 60;

export const ZAdminAuthSignInInput = z.object({ email: ZEmail, password: ZPassword });

export const ZAdminClinicListInput = z.object({
  search: z.string().trim().max(100).optional(),
  mode: ZMode.optional(),
  status: ZStatus.optional(),
  sort: z.enum(['slug', 'name', 'createdAt', 'status', 'mode']).default('slug'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export const ZAdminClinicByIdInput = z.object({ id: z.uuid() });
export const ZAdminClinicCreateInput = z.object({
  slug: ZSlug,
  name: z.string().trim().min(2).max(200),
  mode: ZMode,
  timezone: ZTimezone.default('UTC'),
  ownerEmail: ZEmailAddress,
  ownerName: z.string().trim().min(1).max(200),
});
export const ZAdminClinicRetryProvisioningInput = z.object({
  slug: ZSlug,
  ownerEmail: ZAdminClinicCreateInput.shape.ownerEmail,
  ownerName: ZAdminClinicCreateInput.shape.ownerName,
});
export const ZAdminClinicDiscardInput = z.object({ slug: z.string().trim().max(63) });
export const ZAdminClinicUpdateInput = z.object({
  id: z.uuid(),
  name: z.string().trim().min(2).max(200).optional(),
  billingStatus: ZBillingStatus.optional(),
  timezone: ZTimezone.optional(),
  brandColor: ZBrandColor.nullable().optional(),
  cancellationWindowHours: z.number().int().min(0).max(720).optional(),
});
const ZClinicLifecycle = z.object({ id: z.uuid(), reason: ZReason });
export const ZAdminClinicSuspendInput = ZClinicLifecycle;
export const ZAdminClinicReactivateInput = ZClinicLifecycle;

export const ZAdminAuditListInput = z.object({
  operatorId: z.uuid().optional(),
  clinicId: z.uuid().optional(),
  action: z.string().trim().max(100).optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const ZAdminAccessOpenInput = z.object({
  clinicId: z.uuid(),
  reason: ZReason,
  minutes: z
    .number()
    .int()
    .min(1, 'At least a minute.')
    .max(MAX_ACCESS_MINUTES, `At most ${MAX_ACCESS_MINUTES} minutes.`),
});
export const ZAdminAccessListInput = z
  .object({
    clinicId: z.uuid().optional(),
    /** Only grants that are still open (default), or the history too. */
    activeOnly: z.boolean().default(true),
    /** Only the signed-in operator's grants. */
    mineOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .prefault({});
const ZGrant = z.object({ grantId: z.uuid() });
export const ZAdminAccessByIdInput = ZGrant;
export const ZAdminAccessCloseInput = ZGrant;
export const ZAdminAccessReservationsInput = ZGrant.extend({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  clientId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const ZAdminAccessClientsInput = ZGrant.extend({
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

const ZDays = z.number().int().min(1).max(90).default(30);
export const ZAdminHealthClinicInput = z.object({ clinicId: z.uuid(), days: ZDays });
export const ZAdminHealthFleetInput = z.object({ days: ZDays }).prefault({});

export const ZAdminJobsOverviewInput = z.object({ clinicId: z.uuid().optional() }).prefault({});
export const ZAdminJobsRetryDeadJobInput = z.object({ id: z.uuid(), reason: ZReason });

export const ZAdminMovePlanInput = z.object({
  clinicId: z.uuid(),
  to: ZMode,
  /**
   * With `to: database`: the secret's name holding the database's URLs (NAME and NAME_OWNER),
   * or `database:<name>` for a database on the shared server. Default: `eventora_clinic_<slug>`
   * on the shared server.
   */
  databaseUrlRef: z
    .string()
    .regex(
      /^(database:[a-z][a-z0-9_]{0,62}|[A-Z][A-Z0-9_]{0,62})$/,
      'A secret name (DATABASE_URL_X) or database:<name>.',
    )
    .optional(),
  /**
   * With `to: database`: a registered database server to move it to (open, with room); the
   * secret's name defaults to `CLINIC_<SLUG>_<SERVER>_DATABASE_URL`.
   */
  server: z.string().trim().min(1).max(63).optional(),
});
export const ZAdminMoveStartInput = ZAdminMovePlanInput.extend({ reason: ZReason });
const ZMoveClinic = z.object({ clinicId: z.uuid() });
export const ZAdminMoveStatusInput = ZMoveClinic;
export const ZAdminMoveResumeInput = ZMoveClinic;
export const ZAdminMoveRollbackInput = z.object({ clinicId: z.uuid(), reason: ZReason });

const ZClinicOnly = z.object({ clinicId: z.uuid() });
export const ZAdminBackupsListInput = ZClinicOnly;
export const ZAdminBackupsRestoreInput = z.object({
  clinicId: z.uuid(),
  backupId: z.uuid(),
  reason: ZReason,
  target: z.discriminatedUnion('kind', [
    /** A new clinic with this slug, closed (suspended) until an operator opens it. */
    z.object({ kind: z.literal('copy'), slug: ZSlug }),
    /** This clinic's rows replaced; `confirm` repeats its slug. */
    z.object({ kind: z.literal('replace'), confirm: z.string().trim().max(63) }),
  ]),
});
export const ZAdminOffboardingStatusInput = ZClinicOnly;
export const ZAdminOffboardingCancelInput = z.object({ clinicId: z.uuid(), reason: ZReason });
/** Mails the owners a new download link for the final export (any earlier link stops working). */
export const ZAdminOffboardingSendLinkInput = ZClinicOnly;

export const ZServerState = z.enum(['open', 'draining', 'closed']);
export const ZAdminServersListInput = z.object({}).prefault({});
export const ZAdminServersSetStateInput = z.object({
  name: z.string().trim().min(1).max(63),
  state: ZServerState,
  reason: ZReason,
});
