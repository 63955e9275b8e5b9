import type { TenantClient } from '@eventora/tenancy';

import { offeredSlot, offeredSlotSelect, offerFreedSlot } from '../booking/waitlist-offer';
import type { ClinicSettings } from './clinic-settings';
import type { TaskServices } from './clinic-tasks';

/**
 * Offers that ran out pass on: each lapsed offer closes its entry (`expired`; the client may
 * join again) and its slot, if still free and ahead, is offered to the next client waiting for
 * that day. One transaction per offer, so a failure leaves the others done.
 */
export async function passExpiredWaitlistOffers(
  db: TenantClient,
  clinic: ClinicSettings,
  services: TaskServices,
): Promise<{ expired: number; offered: number }> {
  const now = services.now();
  const lapsed = await db.waitlistEntry.findMany({
    where: { status: 'offered', offerExpiresAt: { lte: now } },
    orderBy: { offerExpiresAt: 'asc' },
    take: 500,
    select: { id: true, clientId: true, ...offeredSlotSelect },
  });
  let expired = 0;
  let offered = 0;
  for (const entry of lapsed) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.waitlistEntry.updateMany({
        where: { id: entry.id, status: 'offered', offerExpiresAt: { lte: now } },
        data: { status: 'expired' },
      });
      if (count === 0) return;
      expired++;
      const slot = offeredSlot(entry);
      if (!slot) return;
      const next = await offerFreedSlot(tx, slot, {
        now,
        holdMinutes: clinic.waitlistHoldMinutes,
        portalUrl: services.portalUrl(clinic.slug),
        excludeClientIds: [entry.clientId],
      });
      if (next) offered++;
    });
  }
  return { expired, offered };
}
