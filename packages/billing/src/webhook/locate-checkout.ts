import {
  isTenancyError,
  isUuid,
  runWithClinic,
  type ClinicRecord,
  type TenantClient,
  type TenantRouter,
} from '@eventora/tenancy';

/** What an event says about its checkout: hints to check, never to trust. */
export interface CheckoutClaims {
  clinicId?: string;
  tenantSlug?: string;
  userId?: string;
  packageId?: string;
  /** `<clinicId>:<userId>` on checkout events; undefined where the object has none (charges). */
  clientReferenceId?: string | null;
}

export interface StoredCheckout {
  id: string;
  userId: string;
  packageId: string;
  status: string;
}

/** A stored mapping found for the session id, and every way the event disagrees with it. */
export interface LocatedCheckout {
  clinic: ClinicRecord;
  db: TenantClient;
  checkout: StoredCheckout;
  disagreements: string[];
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Finds the stored checkout session an event refers to. The event's clinic hints (metadata
 * clinicId and tenantSlug, the client reference) only say where to look: each named clinic is
 * resolved through the registry and the session id is looked up under that clinic's own
 * binding, where row level security hides every other clinic's mappings. The clinic holding
 * the mapping is the event's clinic; any hint that names another clinic, buyer or package is
 * reported as a disagreement, never corrected.
 */
export async function locateCheckout(
  tenants: TenantRouter,
  sessionId: string,
  claims: CheckoutClaims,
): Promise<LocatedCheckout[]> {
  const candidates = new Set<string>();
  if (isUuid(claims.clinicId)) candidates.add(claims.clinicId.toLowerCase());
  if (claims.tenantSlug && SLUG.test(claims.tenantSlug)) candidates.add(claims.tenantSlug);
  const referencedClinic = claims.clientReferenceId?.split(':')[0];
  if (isUuid(referencedClinic)) candidates.add(referencedClinic.toLowerCase());

  const seen = new Set<string>();
  const found: LocatedCheckout[] = [];
  for (const candidate of candidates) {
    const resolved = await tenants.resolve(candidate).catch((error: unknown) => {
      if (isTenancyError(error, 'CLINIC_NOT_FOUND')) return undefined;
      throw error;
    });
    if (!resolved || seen.has(resolved.clinic.id)) continue;
    seen.add(resolved.clinic.id);
    const { clinic, db } = resolved;
    const checkout = await runWithClinic(clinic, () =>
      db.checkoutSession.findFirst({
        where: { id: sessionId },
        select: { id: true, userId: true, packageId: true, status: true },
      }),
    );
    if (checkout) {
      found.push({ clinic, db, checkout, disagreements: disagreements(clinic, checkout, claims) });
    }
  }
  return found;
}

function disagreements(
  clinic: ClinicRecord,
  checkout: StoredCheckout,
  claims: CheckoutClaims,
): string[] {
  const reasons: string[] = [];
  if (claims.clinicId?.toLowerCase() !== clinic.id) reasons.push('clinicId');
  if (claims.tenantSlug !== clinic.slug) reasons.push('tenantSlug');
  if (claims.userId !== checkout.userId) reasons.push('userId');
  if (claims.packageId !== checkout.packageId) reasons.push('packageId');
  if (
    claims.clientReferenceId !== undefined &&
    claims.clientReferenceId !== `${clinic.id}:${checkout.userId}`
  ) {
    reasons.push('clientReferenceId');
  }
  return reasons;
}
