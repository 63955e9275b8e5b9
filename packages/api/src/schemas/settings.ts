import { z } from 'zod';

import { ZBrandColor, ZCurrency, ZLocale } from './common';
import { ZTimezone } from './weekly-hours';

const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((text) => (text === '' ? null : text))
    .nullable();

/**
 * What owners change from the portal. Routing, billing status, mode and suspension are the
 * platform's: they stay in the console and are not accepted here.
 */
export const ZSettingsUpdateInput = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  brandColor: ZBrandColor.transform((colour) => colour.toLowerCase())
    .nullable()
    .optional(),
  /** An https address of the logo image (shown in the portal's header). */
  logoUrl: z
    .url({ protocol: /^https$/, error: 'An https:// address.' })
    .max(500)
    .nullable()
    .optional(),
  contactEmail: z.email().max(320).nullable().optional(),
  contactPhone: ZOptionalText(40).optional(),
  address: ZOptionalText(500).optional(),
  cancellationWindowHours: z.number().int().min(0).max(720).optional(),
  reminderHoursBefore: z.number().int().min(1).max(168).optional(),
  timezone: ZTimezone.optional(),
  currency: ZCurrency.optional(),
  noShowKeepsCredit: z.boolean().optional(),
  /** How long a freed slot is held for the first client on the waitlist, in minutes. */
  waitlistHoldMinutes: z.number().int().min(5).max(1440).optional(),
  /** The portal's and messages' language for everyone who has not chosen one. */
  locale: ZLocale.optional(),
});
