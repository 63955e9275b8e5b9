import { z } from 'zod';

/*
 * The console's clinic inputs, with nothing but zod (no server code beside them): the console's
 * client forms import this file as `@eventora/api/admin-schemas` and validate exactly as the
 * procedures do. @eventora/api's barrel would pull its server code into the browser bundle.
 */

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

export const ZTimezone = z
  .string()
  .max(64)
  .refine(
    (zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC',
    'Unknown time zone.',
  );
export const ZReason = z.string().trim().min(10, 'Say why (10 characters at least).').max(500);
export const ZMode = z.enum(['shared', 'schema', 'database']);
export const ZStatus = z.enum(['active', 'frozen', 'moving', 'suspended']);
export const ZBillingStatus = z.enum(['trial', 'active', 'past_due', 'cancelled']);

export const ZClinicListInput = z.object({
  search: z.string().trim().max(100).optional(),
  mode: ZMode.optional(),
  status: ZStatus.optional(),
  sort: z.enum(['slug', 'name', 'createdAt', 'status', 'mode']).default('slug'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export const ZClinicByIdInput = z.object({ id: z.uuid() });
export const ZClinicCreateInput = z.object({
  slug: ZSlug,
  name: z.string().trim().min(2).max(200),
  mode: ZMode,
  timezone: ZTimezone.default('UTC'),
  ownerEmail: z
    .email()
    .max(320)
    .transform((email) => email.trim().toLowerCase()),
  ownerName: z.string().trim().min(1).max(200),
});
export const ZClinicRetryInput = z.object({
  slug: ZSlug,
  ownerEmail: ZClinicCreateInput.shape.ownerEmail,
  ownerName: ZClinicCreateInput.shape.ownerName,
});
export const ZClinicDiscardInput = z.object({ slug: z.string().trim().max(63) });
export const ZClinicUpdateInput = z.object({
  id: z.uuid(),
  name: z.string().trim().min(2).max(200).optional(),
  billingStatus: ZBillingStatus.optional(),
  timezone: ZTimezone.optional(),
  brandColor: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'A colour like #0f766e.')
    .nullable()
    .optional(),
  cancellationWindowHours: z.number().int().min(0).max(720).optional(),
});
export const ZClinicLifecycleInput = z.object({ id: z.uuid(), reason: ZReason });
