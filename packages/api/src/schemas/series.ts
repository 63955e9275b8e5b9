import { z } from 'zod';

import { zId } from './common';
import { zInstant } from './instant-input';

/** At most this many occurrences in one series (half a year of weekly sessions). */
export const SERIES_MAX_OCCURRENCES = 26;

const ZSeriesPattern = z.object({
  therapistId: zId,
  branchId: zId,
  /** The service booked: its duration sets each session's length. */
  serviceId: zId.optional(),
  /** The first session; the others follow on the same wall-clock time of the branch's clock. */
  startsAt: zInstant,
  /** Weekly (1) or every 2, 3 or 4 weeks. */
  everyWeeks: z.number().int().min(1).max(4),
  occurrences: z.number().int().min(2).max(SERIES_MAX_OCCURRENCES),
  /** Staff only: the client booked for. A client books for themselves. */
  clientId: zId.optional(),
  /** Staff only: every session paid at the desk instead of with credits. */
  payAtDesk: z.boolean().default(false),
});

/** Lists each occurrence of a pattern as free or in conflict (with the reason); books nothing. */
export const ZSeriesPreviewInput = ZSeriesPattern;

/**
 * Books the chosen occurrences of the pattern (each a start the preview listed), all in one
 * transaction: every one of them or none.
 */
export const ZSeriesBookInput = ZSeriesPattern.extend({
  book: z.array(zInstant).min(1).max(SERIES_MAX_OCCURRENCES),
});

/** Cancels this session of a series and every later one still booked. */
export const ZSeriesCancelFollowingInput = z.object({ id: zId });
