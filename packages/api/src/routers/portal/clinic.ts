import { z } from 'zod';

import { ZLocale } from '../../schemas/common';
import { clinicPublicProcedure } from '../../trpc';
import { registryOf } from '../settings/clinic-settings';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

export const ZPortalClinic = z.object({
  slug: z.string(),
  name: z.string(),
  /** `#rrggbb`, or null for the default colour. */
  brandColor: z.string().regex(HEX_COLOUR).nullable(),
  /** The clinic's home timezone (each branch has its own for bookings). */
  timezone: z.string(),
  /** Cancelling at least this many hours before a session returns its credit. */
  cancellationWindowHours: z.number().int(),
  /** The language of everyone who has not chosen one (`es` is shown as es-MX). */
  locale: ZLocale,
});

export type PortalClinic = z.infer<typeof ZPortalClinic>;

interface RegistryRow {
  brand_color: string | null;
  timezone: string;
  cancellation_window_hours: number;
  locale: string;
}

/**
 * What a portal shows before anyone signs in: the clinic's name, colour and rules. Public at
 * the clinic's own address only; an unknown or suspended clinic answers NOT_FOUND (from the
 * binding), exactly like a clinic that never existed.
 */
export const clinic = clinicPublicProcedure.output(ZPortalClinic).query(async ({ ctx }) => {
  // The registry row, read by id on the shared database (the runtime role may read it), where it
  // is whichever database holds the clinic's rows.
  const rows = await registryOf(ctx).$queryRaw<RegistryRow[]>`
    SELECT brand_color, timezone, cancellation_window_hours, locale
      FROM public.clinics WHERE id = ${ctx.clinic.id}::uuid`;
  const row = rows[0];
  const brandColor = row?.brand_color && HEX_COLOUR.test(row.brand_color) ? row.brand_color : null;
  return {
    slug: ctx.clinic.slug,
    name: ctx.clinic.name,
    brandColor,
    timezone: row?.timezone ?? 'UTC',
    cancellationWindowHours: row?.cancellation_window_hours ?? 24,
    locale: row?.locale === 'es' ? ('es' as const) : ('en' as const),
  };
});
