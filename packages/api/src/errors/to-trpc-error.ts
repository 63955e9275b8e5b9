import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { isAuthError, type AuthErrorCode } from '@eventora/auth';
import { isTenancyError, type TenancyErrorCode } from '@eventora/tenancy';

import { AppError, type AppErrorCode, type FieldMessage } from './app-error';

/**
 * The one place where errors become API answers. Known errors keep their safe message and
 * field details; anything else (SQL, constraint names, stack traces) becomes a bare
 * INTERNAL_SERVER_ERROR, logged on the server only.
 */
const APP: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNPROCESSABLE: 'UNPROCESSABLE_CONTENT',
  FORBIDDEN: 'FORBIDDEN',
};

const AUTH: Record<AuthErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS',
  WEAK_PASSWORD: 'BAD_REQUEST',
  EMAIL_TAKEN: 'CONFLICT',
  INVALID_TOKEN: 'BAD_REQUEST',
  INVALID_INPUT: 'BAD_REQUEST',
  USER_NOT_FOUND: 'NOT_FOUND',
};

const TENANCY: Record<TenancyErrorCode, TRPC_ERROR_CODE_KEY> = {
  TENANT_NOT_BOUND: 'INTERNAL_SERVER_ERROR',
  TENANT_REBIND: 'INTERNAL_SERVER_ERROR',
  ACCESS_REBIND: 'INTERNAL_SERVER_ERROR',
  // A clinic id never comes from input, so naming another clinic is a malformed request.
  CROSS_TENANT: 'BAD_REQUEST',
  CLINIC_NOT_FOUND: 'NOT_FOUND',
  CLINIC_FROZEN: 'CONFLICT',
  PLATFORM_ACCESS_DENIED: 'FORBIDDEN',
  ROUTER_AT_CAPACITY: 'TOO_MANY_REQUESTS',
};

/** A write refused by a move's freeze: the error formatter names it (`data.reason`). */
export class ClinicFrozen extends Error {
  constructor() {
    super('CLINIC_FROZEN');
  }
}

/** Field messages travel in the error's cause, where the error formatter picks them up. */
export class FieldErrors extends Error {
  constructor(readonly fields: readonly FieldMessage[]) {
    super('Invalid fields');
  }
}

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof AppError) {
    return new TRPCError({
      code: APP[error.code],
      message: error.message,
      cause: new FieldErrors(error.fields),
    });
  }
  if (isAuthError(error)) {
    const fields = error.issues.map(({ field, message }) => ({ field, message }));
    return new TRPCError({
      code: AUTH[error.code],
      message: error.message,
      cause: new FieldErrors(fields),
    });
  }
  if (isTenancyError(error)) {
    const code = TENANCY[error.code];
    return new TRPCError({
      code,
      message: code === 'INTERNAL_SERVER_ERROR' ? 'Internal error.' : error.message,
      cause: error.code === 'CLINIC_FROZEN' ? new ClinicFrozen() : undefined,
    });
  }
  const database = databaseErrorCode(error);
  if (database === 'NOT_FOUND') return new TRPCError({ code: 'NOT_FOUND', message: 'Not found.' });
  if (database === 'CONFLICT')
    return new TRPCError({ code: 'CONFLICT', message: 'That conflicts with an existing record.' });
  if (database === 'BUSY')
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The clinic is busy right now. Please try again in a moment.',
    });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error.', cause: error });
}

/**
 * Prisma's known request errors that mean "not found" (a record, or a foreign key to a row the
 * clinic cannot see — another clinic's included), "conflict" (unique or exclusion), or "busy"
 * (P2028: a transaction could not start or finish in its time, e.g. a burst waiting for
 * connections; nothing of it was committed, so trying again is safe).
 */
function databaseErrorCode(error: unknown): 'NOT_FOUND' | 'CONFLICT' | 'BUSY' | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'P2025' || code === 'P2003' || code === 'P2015' || code === 'P2018')
    return 'NOT_FOUND';
  if (code === 'P2002' || code === 'P2034') return 'CONFLICT';
  if (code === 'P2028') return 'BUSY';
  // Postgres' own code, where Prisma 7's driver adapter passes it on (P2039 and raw queries).
  const original = postgresCode(error);
  if (original === '23P01' || original === '23505') return 'CONFLICT';
  if (original === '23503') return 'NOT_FOUND';
  return undefined;
}

function postgresCode(error: unknown): unknown {
  const known = error as {
    cause?: { originalCode?: unknown; code?: unknown };
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
  } | null;
  return (
    known?.meta?.driverAdapterError?.cause?.originalCode ??
    known?.cause?.originalCode ??
    known?.cause?.code
  );
}
