import { z } from 'zod';

import { zId } from './common';

/** A position in the chain; bigint in the database, a string of digits on the wire. */
export const ZSeq = z.string().regex(/^[1-9][0-9]{0,17}$/, 'A sequence number.');

const MAX_RANGE_DAYS = 366;

export const ZAuditListInput = z
  .object({
    action: z.string().trim().min(1).max(100).optional(),
    actorId: zId.optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    limit: z.number().int().min(1).max(100).default(50),
    /** `nextCursor` of the previous page: entries older than it. */
    cursor: ZSeq.optional(),
  })
  .prefault({})
  .superRefine(({ from, to }, ctx) => {
    if (from && to && from > to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before `from`.' });
    } else if (from && to && to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `At most ${MAX_RANGE_DAYS} days after \`from\`.`,
      });
    }
  });
export const ZAuditVerifyInput = z
  .object({
    /**
     * The head an earlier verification returned, kept outside this clinic's database: proves
     * the newest entries were not deleted since (the chain alone cannot tell).
     */
    knownHead: z.object({ seq: ZSeq, hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  })
  .prefault({});
