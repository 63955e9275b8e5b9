import { z } from 'zod';

const EARLIEST = new Date('2000-01-01T00:00:00Z');
const LATEST = new Date('2100-01-01T00:00:00Z');
const DAY_MS = 86_400_000;

/**
 * An instant in procedure input: a Date (the tRPC client's superjson) or an ISO 8601 string
 * with its offset (plain JSON clients). A bare local time is refused: it names no instant.
 */
export const zInstant = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))])
  .pipe(z.date().min(EARLIEST, 'Pick a date after 2000.').max(LATEST, 'Pick a date before 2100.'));

/**
 * Adds field messages to a `from`/`to` pair: `from` before `to`, at most `maxDays` apart.
 * Either may be absent (the caller fills it in).
 */
export function checkRange(
  range: { from?: Date; to?: Date },
  maxDays: number,
  context: z.RefinementCtx,
): void {
  const { from, to } = range;
  if (!from || !to) return;
  if (from >= to) {
    context.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`.' });
  } else if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `The range may span at most ${maxDays} days.`,
    });
  }
}
