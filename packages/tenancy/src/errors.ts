/** Why the tenancy library refused to go on. Callers map these codes to API errors in one place. */
export type TenancyErrorCode =
  /** A tenant model or raw query was used with no clinic bound: nothing was sent to the database. */
  | 'TENANT_NOT_BOUND'
  /** A unit of work bound to one clinic tried to bind another. */
  | 'TENANT_REBIND'
  /** A unit of work bound to a clinic tried to rebind it with another access (platform vs own). */
  | 'ACCESS_REBIND'
  /** An operation named a clinic other than the bound one (in `where` or `data`). */
  | 'CROSS_TENANT'
  /** The clinic is unknown, suspended, or its registry entry is not routable. */
  | 'CLINIC_NOT_FOUND'
  /** The clinic's writes are frozen (it is moving between databases). */
  | 'CLINIC_FROZEN'
  /** A platform access was refused (no reason, expired, or not allowed). */
  | 'PLATFORM_ACCESS_DENIED'
  /** Every connection of the budget is busy; nothing was sent. */
  | 'ROUTER_AT_CAPACITY';

/** The one error type the tenancy library throws on purpose. */
export class TenancyError extends Error {
  override readonly name = 'TenancyError';

  constructor(
    readonly code: TenancyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * True for a TenancyError (of `code`, when given). Also recognises one thrown by another copy
 * of this module (Next.js bundles pages and route handlers separately), by name and code.
 */
export function isTenancyError(error: unknown, code?: TenancyErrorCode): error is TenancyError {
  const isOne =
    error instanceof TenancyError ||
    (error instanceof Error &&
      error.name === 'TenancyError' &&
      typeof (error as { code?: unknown }).code === 'string');
  return isOne && (code === undefined || (error as TenancyError).code === code);
}
