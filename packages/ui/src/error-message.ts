import { ENGLISH_LABELS, type UiLabels } from './english-labels';

/** What a write answers while the clinic's data is being moved (a freeze of a second or so). */
export const CLINIC_UPGRADING = ENGLISH_LABELS.errors.clinicUpgrading;

interface TRPCErrorShape {
  message?: string;
  data?: { code?: string; reason?: string | null } | null;
}

/** The tRPC error code (`NOT_FOUND`, `BAD_REQUEST`, …) of a failed call, if it has one. */
export function errorCode(error: unknown): string | undefined {
  return (error as TRPCErrorShape | null)?.data?.code;
}

/** The API refused a write because the clinic is frozen for a move (CONFLICT, reason CLINIC_FROZEN). */
export function isClinicUpgrading(error: unknown): boolean {
  return (error as TRPCErrorShape | null)?.data?.reason === 'CLINIC_FROZEN';
}

/**
 * A failed call's message for people: the API's own words when it said something meant for
 * them, a plain sentence when the server failed or could not be reached.
 */
export function errorMessage(
  error: unknown,
  words: UiLabels['errors'] = ENGLISH_LABELS.errors,
): string {
  if (isClinicUpgrading(error)) return words.clinicUpgrading;
  // An internal error's message is the server's, not the user's (and may say too much).
  if (errorCode(error) === 'INTERNAL_SERVER_ERROR') {
    return words.serverFailed;
  }
  const message = (error as TRPCErrorShape | null)?.message;
  if (message === 'Failed to fetch') return words.noAnswer;
  return message || words.generic;
}
