import { z } from 'zod';

export const ZOffboardingView = z
  .object({
    state: z.enum(['closed', 'reopened', 'purged']),
    closedAt: z.date(),
    /** When the purge may run: the end of the grace period. */
    purgeAfter: z.date(),
    /** Whole days left in the grace period (0 on its last day and after it). */
    daysLeft: z.number().int(),
    /** Whether it can still be cancelled (closed, and not purged). */
    cancellable: z.boolean(),
    finalExport: z
      .object({
        bytes: z.number(),
        rows: z.number(),
        /** Kept in the backup store, so a download link can be sent for it. */
        inStore: z.boolean(),
      })
      .nullable(),
    /** The owners' newest download link (the only one that can work), or none sent yet. */
    link: z
      .object({
        state: z.enum(['active', 'expired', 'revoked']),
        createdAt: z.date(),
        expiresAt: z.date(),
        recipients: z.number(),
        downloads: z.number(),
        lastDownloadedAt: z.date().nullable(),
      })
      .nullable(),
    reopenedAt: z.date().nullable(),
    purgedAt: z.date().nullable(),
  })
  .nullable();
