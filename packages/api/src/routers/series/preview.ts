import { isStaffRole } from '@eventora/auth';
import { z } from 'zod';

import { AppError } from '../../errors/app-error';
import { clinicProcedure } from '../../trpc';
import { bookingClientId } from '../reservation/caller-scope';
import { planSeries, ZPlannedOccurrence } from './plan-series';
import { ZSeriesPreviewInput } from '../../schemas/series';

/**
 * Lists every occurrence of a series before anything is booked: free, or in conflict with the
 * reason (outside hours, a day off, already booked, no credit left for it, ...). Books nothing.
 */
export const preview = clinicProcedure
  .input(ZSeriesPreviewInput)
  .output(z.object({ timeZone: z.string(), occurrences: z.array(ZPlannedOccurrence) }))
  .query(async ({ ctx, input }) => {
    const clientId = bookingClientId(ctx.user, input.clientId);
    if (input.payAtDesk && !isStaffRole(ctx.user.role)) {
      throw new AppError('FORBIDDEN', 'Only staff book sessions paid at the desk.');
    }
    const { occurrences, timeZone } = await planSeries(ctx.db, {
      ...input,
      clientId,
      now: ctx.services.now(),
    });
    return { timeZone, occurrences };
  });
