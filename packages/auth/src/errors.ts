/** Why an auth operation was refused. The API layer maps each code to a tRPC error in one place. */
export type AuthErrorCode =
  /** Unknown email, wrong password, no password set, or a disabled account: never told apart. */
  | 'INVALID_CREDENTIALS'
  /** Too many failures for this account or address; `retryAfterSeconds` says when to retry. */
  | 'TOO_MANY_ATTEMPTS'
  /** The new password breaks the policy; `issues` says how. */
  | 'WEAK_PASSWORD'
  /** Sign-up with an email that already has an account at this clinic (neutral wording). */
  | 'EMAIL_TAKEN'
  /** A reset token that is unknown, used, expired, revoked or of another clinic. */
  | 'INVALID_TOKEN'
  /** Malformed input (email, name); `issues` says which field. */
  | 'INVALID_INPUT'
  /** No such user in the bound clinic. */
  | 'USER_NOT_FOUND';

/** One field-level reason, for forms and for tRPC's BAD_REQUEST details. */
export interface FieldIssue {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The one error type @eventora/auth throws on purpose. Its message is safe to show a user. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly retryAfterSeconds: number | undefined;
  readonly issues: readonly FieldIssue[];

  constructor(
    readonly code: AuthErrorCode,
    message: string,
    details: { retryAfterSeconds?: number; issues?: readonly FieldIssue[] } = {},
  ) {
    super(message);
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.issues = details.issues ?? [];
  }
}

/** True for an AuthError (of `code`, when given). */
export function isAuthError(error: unknown, code?: AuthErrorCode): error is AuthError {
  // By name and code too: another bundled copy of this module throws its own AuthError class.
  const isOne =
    error instanceof AuthError ||
    (error instanceof Error &&
      error.name === 'AuthError' &&
      typeof (error as { code?: unknown }).code === 'string');
  return isOne && (code === undefined || (error as AuthError).code === code);
}

/** The one answer to every bad email/password combination. */
export function invalidCredentials(): AuthError {
  return new AuthError('INVALID_CREDENTIALS', 'The email or password is incorrect.');
}

/** TOO_MANY_ATTEMPTS with the seconds until `lockedUntil` (at least 1). */
export function tooManyAttempts(lockedUntil: Date, now: Date): AuthError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AuthError(
    'TOO_MANY_ATTEMPTS',
    `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds },
  );
}
