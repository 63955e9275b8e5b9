import { subHours } from 'date-fns';

/**
 * A cancellation returns the session's credit when made at least `windowHours` before the
 * session starts; later, the credit stays consumed. Hours are elapsed time, not wall-clock.
 */
export function cancellationReturnsCredit(input: {
  startsAt: Date;
  cancelledAt: Date;
  windowHours: number;
}): boolean {
  return input.cancelledAt <= subHours(input.startsAt, input.windowHours);
}
