import type { TRPCRouterRecord } from '@trpc/server';

import { book } from './book';
import { cancelFollowing } from './cancel-following';
import { preview } from './preview';

/** Recurring bookings: weekly or every N weeks, previewed, booked all at once, cancelled onward. */
export const seriesRouter = {
  preview,
  book,
  cancelFollowing,
} satisfies TRPCRouterRecord;
