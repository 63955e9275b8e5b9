import { z } from 'zod';

import { zId } from './common';

const ZCheckoutSessionId = z
  .string()
  .trim()
  .min(8)
  .max(255)
  .regex(/^cs_[A-Za-z0-9_]+$/, 'Not a checkout session id.');

export const ZBillingCreateCheckoutInput = z.object({ packageId: zId });
export const ZBillingCheckoutStatusInput = z.object({ sessionId: ZCheckoutSessionId });
export const ZBillingCompleteSimulatedCheckoutInput = z.object({ sessionId: ZCheckoutSessionId });
export const ZBillingSyncPackageInput = z.object({ packageId: zId });
