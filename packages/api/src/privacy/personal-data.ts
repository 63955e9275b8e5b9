import type { Prisma, TenantClient } from '@eventora/tenancy';

type Reader = Pick<
  TenantClient,
  | 'user'
  | 'reservation'
  | 'userPackage'
  | 'checkoutSession'
  | 'privacyConsent'
  | 'erasureRequest'
  | 'auditLog'
>;

const profileSelect = {
  id: true,
  email: true,
  name: true,
  phone: true,
  role: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

const bookingSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  status: true,
  cancelledAt: true,
  createdAt: true,
  branch: { select: { name: true } },
  therapist: { select: { name: true } },
} satisfies Prisma.ReservationSelect;

const purchaseSelect = {
  id: true,
  creditsTotal: true,
  creditsLeft: true,
  expiresAt: true,
  status: true,
  createdAt: true,
  package: { select: { name: true, priceCents: true, currency: true } },
} satisfies Prisma.UserPackageSelect;

const paymentSelect = {
  id: true,
  status: true,
  createdAt: true,
  package: { select: { name: true, priceCents: true, currency: true } },
} satisfies Prisma.CheckoutSessionSelect;

const consentSelect = {
  noticeVersion: true,
  acceptedAt: true,
} satisfies Prisma.PrivacyConsentSelect;

const erasureSelect = {
  id: true,
  status: true,
  requestedAt: true,
  decidedAt: true,
  answer: true,
} satisfies Prisma.ErasureRequestSelect;

/**
 * Everything the bound clinic holds about one person, for their access and portability
 * rights: profile, bookings, purchases and credits, payments, consents, erasure requests,
 * and who at the clinic opened their record (from the audit log: `client.view` entries).
 * Other people appear only as the name and role of a viewer, a therapist or a branch.
 */
export async function collectPersonalData(db: Reader, userId: string) {
  const [profile, bookings, purchases, payments, consents, erasureRequests, views] =
    await Promise.all([
      db.user.findFirstOrThrow({ where: { id: userId }, select: profileSelect }),
      db.reservation.findMany({
        where: { clientId: userId },
        select: bookingSelect,
        orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      }),
      db.userPackage.findMany({
        where: { userId },
        select: purchaseSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
      db.checkoutSession.findMany({
        where: { userId },
        select: paymentSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
      db.privacyConsent.findMany({
        where: { userId },
        select: consentSelect,
        orderBy: { acceptedAt: 'asc' },
      }),
      db.erasureRequest.findMany({
        where: { userId },
        select: erasureSelect,
        orderBy: { requestedAt: 'desc' },
      }),
      db.auditLog.findMany({
        where: { action: 'client.view', entityType: 'User', entityId: userId },
        select: { actorType: true, actorId: true, createdAt: true },
        orderBy: { seq: 'desc' },
      }),
    ]);

  const viewerIds = [...new Set(views.flatMap((view) => (view.actorId ? [view.actorId] : [])))];
  const viewers = new Map(
    (
      await db.user.findMany({
        where: { id: { in: viewerIds } },
        select: { id: true, name: true, role: true },
      })
    ).map((viewer) => [viewer.id, viewer]),
  );

  return {
    profile,
    bookings: bookings.map(({ branch, therapist, ...booking }) => ({
      ...booking,
      branch: branch.name,
      therapist: therapist.name,
    })),
    purchases: purchases.map(({ package: pkg, ...purchase }) => ({ ...purchase, package: pkg })),
    payments: payments.map(({ package: pkg, ...payment }) => ({ ...payment, package: pkg })),
    consents,
    erasureRequests,
    recordViews: views.map((view) => {
      const viewer = view.actorId ? viewers.get(view.actorId) : undefined;
      return {
        at: view.createdAt,
        // Operators under break-glass access are named by their role, not by a clinic user.
        viewer:
          view.actorType === 'platform'
            ? { name: 'Eventora support', role: 'PLATFORM' as const }
            : { name: viewer?.name ?? 'A former team member', role: viewer?.role ?? null },
      };
    }),
  };
}

export type PersonalData = Awaited<ReturnType<typeof collectPersonalData>>;
