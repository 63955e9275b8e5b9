import { z } from 'zod';

import { ZPassword } from './common';

const ZToken = z.string().min(20).max(200);

export const ZAccountAcceptInvitationInput = z.object({ token: ZToken, password: ZPassword });
export const ZAccountConfirmEmailInput = z.object({ token: ZToken });
/** `<user id>.<HMAC>` from a reminder's unsubscribe link (jobs/unsubscribe-token.ts). */
export const ZAccountUnsubscribeRemindersInput = z.object({
  token: z.string().min(40).max(200),
});
