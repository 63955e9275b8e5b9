/**
 * @eventora/auth: sessions, passwords, sign-in throttling and password reset for clinic users,
 * and separate sessions for platform operators. Clinic functions take the tenant client and
 * run inside a bound clinic (`runWithClinic` / `TenantRouter.withClinic`); platform functions
 * take the platform client. No function here opens a connection of its own.
 *
 * This entry lists what other packages use; the rest stays internal. `@eventora/auth/password`
 * (hashing, for seeds and benchmarks) and `@eventora/auth/roles` (client-safe role checks) are
 * the two narrower entries.
 */
export { AuthError, isAuthError, type AuthErrorCode } from './errors';
export { normalizeEmail } from './email';
export { hashPassword } from './password';
export { checkPasswordPolicy } from './password-policy';
export { generateSecretToken, hashSecretToken } from './tokens/secret-token';

export {
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from './sessions/sessions';
export type { SessionUser } from './sessions/session-user';
export { isStaffRole, STAFF_ROLES } from './users/roles';
export {
  blankPlatformSessionCookie,
  blankSessionCookie,
  platformSessionCookie,
  readPlatformSessionToken,
  readSessionToken,
  secureCookiesFor,
  sessionCookie,
} from './cookies/session-cookies';

export { signIn, type InTransaction, type SignedIn } from './sign-in/sign-in';
export { signUp } from './sign-in/sign-up';
export { clientAddress, validIp } from './sign-in/client-address';

export { type PasswordResetMailer, type PasswordResetMessage } from './password-reset/mailer';
export {
  requestPasswordReset,
  RESET_TOKEN_LIFETIME_MS,
} from './password-reset/request-password-reset';
export { resetPassword } from './password-reset/reset-password';

export { createPlatformClient, type PlatformClient } from './platform/platform-client';
export {
  invalidatePlatformSession,
  validatePlatformSessionToken,
} from './platform/platform-sessions';
export { platformSignIn } from './platform/platform-sign-in';
