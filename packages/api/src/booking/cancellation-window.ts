import type { ApiServices } from '../services';

/**
 * The clinic's cancellation window in hours, from its registry entry. A booking rule, so the API
 * reads it (tenancy's clinic record says who a clinic is and where its data lives, nothing more).
 * Read through the control-plane client because a clinic in its own database has no registry
 * row there; the row exists, since the clinic was bound from it a moment ago.
 */
export async function readCancellationWindowHours(
  services: ApiServices,
  clinicId: string,
): Promise<number> {
  const { cancellationWindowHours } = await services.platform.clinic.findUniqueOrThrow({
    where: { id: clinicId },
    select: { cancellationWindowHours: true },
  });
  return cancellationWindowHours;
}
