/** Email addresses are stored and compared trimmed and lower-cased (users.email is lower-case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Column limit of users.email and platform_operators.email. */
export const EMAIL_MAX_LENGTH = 320;

/**
 * A cheap shape check (one @, something on both sides, no spaces, within the column limit).
 * Real validation is delivery; the API's zod schema can be stricter.
 */
export function isPlausibleEmail(normalized: string): boolean {
  return normalized.length <= EMAIL_MAX_LENGTH && /^[^\s@]+@[^\s@]+$/.test(normalized);
}
