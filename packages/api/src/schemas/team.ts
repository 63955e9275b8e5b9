import { z } from 'zod';

import { ZEmailAddress, zId } from './common';

export const ZTeamRole = z.enum(['OWNER', 'STAFF', 'THERAPIST']);

export const ZTeamInviteInput = z.object({
  email: ZEmailAddress,
  name: z.string().trim().min(1).max(200),
  role: ZTeamRole,
  /** A therapist's existing profile (without a login) to link; a new profile otherwise. */
  therapistId: zId.optional(),
});
export const ZTeamResendInvitationInput = z.object({ userId: zId });
export const ZTeamChangeRoleInput = z.object({ userId: zId, role: ZTeamRole });
export const ZTeamSetDisabledInput = z.object({ userId: zId, disabled: z.boolean() });
