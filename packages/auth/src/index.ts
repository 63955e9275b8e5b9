/**
 * @eventora/auth: sessions, passwords, sign-in throttling and password reset for clinic users,
 * and separate sessions for platform operators. Clinic functions take the tenant client and
 * run inside a bound clinic (`runWithClinic` / `TenantRouter.withClinic`); platform functions
 * take the platform client. No function here opens a connection of its own.
 */
export { AuthError, isAuthError, type AuthErrorCode, type FieldIssue } from './errors';
export { systemClock, type Clock, type ClockOptions } from './clock';
export { normalizeEmail } from './email';
export { hashPassword, verifyPassword } from './password';
export {
  checkPasswordPolicy,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordIssue,
  type PasswordIssueCode,
  type PasswordPolicyResult,
} from './password-policy';
export { generateSecretToken, hashSecretToken } from './tokens/secret-token';

export {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  SESSION_RENEW_WITHIN_MS,
  validateSessionToken,
  type CreateSessionInput,
  type ValidSession,
} from './sessions/sessions';
export type { SessionUser } from './sessions/session-user';
export { changeUserRole } from './users/change-user-role';
export { isStaffRole, STAFF_ROLES } from './users/roles';
export {
  blankPlatformSessionCookie,
  blankSessionCookie,
  PLATFORM_SESSION_COOKIE,
  platformSessionCookie,
  readPlatformSessionToken,
  readSessionToken,
  secureCookiesFor,
  SESSION_COOKIE,
  sessionCookie,
  type CookieOptions,
  type RequestCredentials,
} from './cookies/session-cookies';

export {
  signIn,
  type InTransaction,
  type SignedIn,
  type SignInInput,
  type SignInOptions,
} from './sign-in/sign-in';
export { signUp, type SignUpInput } from './sign-in/sign-up';
export { clientAddress, validIp } from './sign-in/client-address';
export {
  DEFAULT_SIGN_IN_THROTTLE,
  pruneSignInAttempts,
  type SignInThrottlePolicy,
  type ThrottleRule,
} from './sign-in/throttle';

export {
  createDevPasswordResetMailer,
  type DevPasswordResetMailerOptions,
  type PasswordResetMailer,
  type PasswordResetMessage,
  type PasswordResetTransaction,
} from './password-reset/mailer';
export {
  requestPasswordReset,
  RESET_REQUEST_LIMIT,
  RESET_TOKEN_LIFETIME_MS,
  type RequestPasswordResetOptions,
} from './password-reset/request-password-reset';
export { resetPassword } from './password-reset/reset-password';

export {
  createPlatformClient,
  type PlatformClient,
  type PlatformClientOptions,
} from './platform/platform-client';
export {
  createPlatformSession,
  invalidateOperatorSessions,
  invalidatePlatformSession,
  PLATFORM_SESSION_LIFETIME_MS,
  PLATFORM_SESSION_MAX_AGE_MS,
  PLATFORM_SESSION_RENEW_WITHIN_MS,
  validatePlatformSessionToken,
  type PlatformSessionOperator,
  type ValidPlatformSession,
} from './platform/platform-sessions';
export { platformSignIn, type PlatformSignedIn } from './platform/platform-sign-in';
