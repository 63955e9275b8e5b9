/** Why a domain rule refused a request. Mapped to a tRPC error in one place (to-trpc-error.ts). */
export type AppErrorCode =
  /** The record does not exist in the caller's clinic (or belongs to another: never told apart). */
  | 'NOT_FOUND'
  /** The request clashes with the current state (slot taken, already cancelled). */
  | 'CONFLICT'
  /** The input is well-formed but breaks a rule (outside opening hours, no credits left). */
  | 'UNPROCESSABLE'
  /** The caller's role in their own clinic does not allow this. */
  | 'FORBIDDEN';

export interface FieldMessage {
  field: string;
  message: string;
}

/** The one error type API handlers throw on purpose; its message is safe to show a user. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fields: FieldMessage[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);
