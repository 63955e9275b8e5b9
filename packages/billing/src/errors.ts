/** Why a billing operation was refused. The API layer maps each code to a tRPC error. */
export type BillingErrorCode =
  /** The package or checkout session does not exist in the bound clinic (or is another's). */
  | 'NOT_FOUND'
  /** The request clashes with the current state (a checkout that is no longer open). */
  | 'CONFLICT'
  /** Well-formed but not allowed (a free package, a simulated payment with real Stripe keys). */
  | 'UNPROCESSABLE'
  /** Stripe (or the simulated webhook) did not answer as expected; safe to retry. */
  | 'PROVIDER_UNAVAILABLE';

/** The one error type @eventora/billing throws on purpose. Its message is safe to show a user. */
export class BillingError extends Error {
  override readonly name = 'BillingError';

  constructor(
    readonly code: BillingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * True for a BillingError (of `code`, when given). Also recognises one thrown by another copy of
 * this module, by name and code: Next.js bundles pages and route handlers separately, and the
 * process-wide billing service may come from the other copy (its errors then answered 500).
 */
export function isBillingError(error: unknown, code?: BillingErrorCode): error is BillingError {
  const isOne =
    error instanceof BillingError ||
    (error instanceof Error &&
      error.name === 'BillingError' &&
      typeof (error as { code?: unknown }).code === 'string');
  return isOne && (code === undefined || (error as BillingError).code === code);
}
