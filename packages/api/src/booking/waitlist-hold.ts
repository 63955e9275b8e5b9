import type { ApiServices } from '../services';

/**
 * How long the clinic holds a freed slot for the waiting client it is offered to, in minutes
 * (the registry's waitlist_hold_minutes; default 30). Read through the control-plane client,
 * like the cancellation window: a clinic in its own database has no registry row there.
 */
export async function readWaitlistHoldMinutes(
  services: Pick<ApiServices, 'platform'>,
  clinicId: string,
): Promise<number> {
  const { waitlistHoldMinutes } = await services.platform.clinic.findUniqueOrThrow({
    where: { id: clinicId },
    select: { waitlistHoldMinutes: true },
  });
  return waitlistHoldMinutes;
}
