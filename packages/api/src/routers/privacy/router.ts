import type { TRPCRouterRecord } from '@trpc/server';

import { acceptNotice, consentStatus } from './consent';
import { decideErasure, erasureRequests, requestErasure } from './erasure';
import { myData, updateMyDetails } from './my-data';
import { notice, publishNotice } from './notice';
import { rectifyClient } from './rectify-client';

/**
 * Patients' rights at one clinic: its privacy notice and each person's consent, their access
 * to (and copy of) their data, rectification, and erasure decided by staff.
 */
export const privacyRouter = {
  notice,
  consentStatus,
  acceptNotice,
  publishNotice,
  myData,
  updateMyDetails,
  rectifyClient,
  requestErasure,
  erasureRequests,
  decideErasure,
} satisfies TRPCRouterRecord;
