import type { TRPCRouterRecord } from '@trpc/server';

import { byId } from './by-id';
import { create } from './create';
import { discard } from './discard';
import { list } from './list';
import { reactivate } from './reactivate';
import { retryProvisioning } from './retry-provisioning';
import { suspend } from './suspend';
import { update } from './update';

/** The clinic registry: list, onboard (provision and invite the owner), change, suspend. */
export const adminClinicRouter = {
  list,
  byId,
  create,
  retryProvisioning,
  discard,
  update,
  suspend,
  reactivate,
} satisfies TRPCRouterRecord;
