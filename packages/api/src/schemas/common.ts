import { z } from 'zod';

/** A record's id. */
export const zId = z.uuid();

/** The email typed at sign-in: matched as stored (normalised) by the procedure, so only bounded here. */
export const ZEmail = z.string().trim().min(3).max(320);
export const ZPassword = z.string().min(1).max(128);

/**
 * An address that will be stored: a real email, lower-cased as `normalizeEmail` in
 * `@eventora/auth` does (common.test.ts keeps the two the same).
 */
export const ZEmailAddress = z
  .email('An email address like name@example.com.')
  .max(320)
  .transform((email) => email.trim().toLowerCase());

/** Why an operator acts on a clinic; kept in the platform audit log. */
export const ZReason = z.string().trim().min(10, 'Say why (10 characters at least).').max(500);

const CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));

/** ISO 4217, stored lower-case as Stripe writes it; `MXN` is accepted and stored as `mxn`. */
export const ZCurrency = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{3}$/, 'Three letters, e.g. mxn or usd.')
  .refine((code) => CURRENCIES.has(code), { message: 'Not a known ISO 4217 currency.' });

/** Up to 10 million in the currency's main unit; Stripe's own ceiling is near there. */
export const ZPriceCents = z.number().int().min(0).max(1_000_000_000);

/** The portal's and messages' languages, as stored (`es` is shown as es-MX). */
export const ZLocale = z.enum(['en', 'es']);

export const ZBrandColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour like #0f766e.');
