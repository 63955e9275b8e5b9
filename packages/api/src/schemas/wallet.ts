import { z } from 'zod';

import { zId } from './common';

export const ZWalletListInput = z
  .object({
    /** Staff only: whose wallet. Everyone else sees their own, and naming anyone else is NOT_FOUND. */
    clientId: zId.optional(),
    limit: z.number().int().min(1).max(100).default(50),
    /** `nextCursor` of the previous page. */
    cursor: zId.optional(),
  })
  .prefault({});
export const ZWalletByIdInput = z.object({ id: zId });
