/** The time source of every expiry and throttle decision; tests pass their own. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Options every time-dependent auth function accepts. */
export interface ClockOptions {
  /** Defaults to the system clock. */
  clock?: Clock;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** `date` moved by `ms` milliseconds (a new Date). */
export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
