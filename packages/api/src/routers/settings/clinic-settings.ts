import type { TenantClient } from '@eventora/tenancy';
import type { ApiServices } from '../../services';

/** The clinic's profile and rules, as owners set them (registry columns). */
export interface ClinicSettings {
  name: string;
  brandColor: string | null;
  logoUrl: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  cancellationWindowHours: number;
  reminderHoursBefore: number;
  timezone: string;
  currency: string;
  noShowKeepsCredit: boolean;
  waitlistHoldMinutes: number;
  locale: 'en' | 'es';
}

interface SettingsRow {
  name: string;
  brand_color: string | null;
  logo_url: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  address: string | null;
  cancellation_window_hours: number;
  reminder_hours_before: number;
  timezone: string;
  currency: string;
  no_show_keeps_credit: boolean;
  waitlist_hold_minutes: number;
  locale: string;
}

/**
 * Reads the bound clinic's settings from the registry (`public.clinics`, which the runtime role
 * may read; a schema-mode clinic keeps an empty copy in its own schema), on the shared database:
 * the row exists, since the clinic was bound from it a moment ago.
 */
export async function readClinicSettings(
  db: Pick<TenantClient, '$queryRaw'>,
  clinicId: string,
): Promise<ClinicSettings> {
  const rows = await db.$queryRaw<SettingsRow[]>`
    SELECT name, brand_color, logo_url, contact_email, contact_phone, address,
           cancellation_window_hours, reminder_hours_before, timezone, currency, no_show_keeps_credit,
           waitlist_hold_minutes,
           locale
      FROM public.clinics WHERE id = ${clinicId}::uuid`;
  const row = rows[0];
  if (!row) throw new Error(`Clinic ${clinicId} has no registry row on this database.`);
  return {
    name: row.name,
    brandColor: row.brand_color,
    logoUrl: row.logo_url,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    address: row.address,
    cancellationWindowHours: row.cancellation_window_hours,
    reminderHoursBefore: row.reminder_hours_before,
    timezone: row.timezone,
    currency: row.currency,
    noShowKeepsCredit: row.no_show_keeps_credit,
    waitlistHoldMinutes: row.waitlist_hold_minutes,
    locale: row.locale === 'es' ? 'es' : 'en',
  };
}

/**
 * Where a clinic's registry row (profile and rules) is read and written: through `db` (the
 * clinic's client, or its transaction) when the clinic's rows are on the shared database, else
 * through the router's registry client, bound to the same clinic.
 */
export function registryOf(
  ctx: { db: TenantClient; clinic: { mode: string }; services: Pick<ApiServices, 'tenants'> },
  db: Pick<TenantClient, '$queryRaw'> = ctx.db,
): TenantClient | Pick<TenantClient, '$queryRaw'> {
  return ctx.clinic.mode === 'database' ? ctx.services.tenants.registryClient() : db;
}
