import { z } from 'zod';

import { ZEmail, ZLocale, ZPassword } from './common';

/**
 * API clients that send the session as `Authorization: Bearer` ask for it with `bearer: true`:
 * the token is in the answer and no cookie is set. Browsers never ask: they get an HttpOnly
 * cookie and the answer never holds the token (a script on the page cannot read it).
 */
const ZBearer = z.boolean().default(false);

export const ZAuthSignInInput = z.object({ email: ZEmail, password: ZPassword, bearer: ZBearer });
export const ZAuthSignUpInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200),
  password: ZPassword,
  /** The version of the clinic's privacy notice the person read and accepted: required. */
  acceptedNoticeVersion: z.number().int().positive(),
  bearer: ZBearer,
});
export const ZAuthRequestPasswordResetInput = z.object({ email: ZEmail });
export const ZAuthResetPasswordInput = z.object({
  token: z.string().min(20).max(200),
  newPassword: ZPassword,
});
export const ZAuthSignOutInput = z
  .object({ everywhere: z.boolean().default(false) })
  .default({ everywhere: false });
/** The signed-in person's language; null follows the clinic's. */
export const ZAuthSetLocaleInput = z.object({ locale: ZLocale.nullable() });
