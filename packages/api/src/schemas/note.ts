import { z } from 'zod';

import { zId } from './common';

export const ZNoteListInput = z.object({ reservationId: zId });
export const ZNoteAddInput = z.object({
  reservationId: zId,
  body: z.string().trim().min(1).max(4000),
});
