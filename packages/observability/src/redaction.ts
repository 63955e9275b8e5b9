/**
 * Log fields that never reach the output: secrets, credentials and personal data, at the top
 * level and one object down (pino paths; `*` is one level). Deployments add their own with
 * LOG_REDACT. Our own log lines carry ids only; this list catches what a careless
 * `log.info({ user })` or an error's fields would otherwise print.
 */
export const REDACTED_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'sessionToken',
  'resetToken',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'email',
  'name',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'address',
  'notes',
  'input',
] as const;

export const REDACTION_CENSOR = '[redacted]';

/** The pino redaction paths for the built-in fields (top level and one level down) plus extras. */
export function redactionPaths(extra: readonly string[] = []): string[] {
  return [...REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`]), ...extra];
}
