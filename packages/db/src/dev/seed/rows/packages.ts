import type { Prisma } from '../../../generated/prisma/client';
import { addDays } from '../local-time';
import type { PackageSpec, PurchaseSpec } from '../spec';
import type { RowContext } from './context';

export function buildPackages(ctx: RowContext): Prisma.PackageCreateManyInput[] {
  const { spec, id, clinicId, setUpAt } = ctx;
  return spec.packages.map((pkg) => ({
    clinicId,
    id: id('package', pkg.key),
    name: pkg.name,
    description: pkg.description,
    sessionsIncluded: pkg.sessions,
    priceCents: pkg.priceCents,
    currency: spec.currency,
    validityDays: pkg.validityDays,
    createdAt: setUpAt,
    updatedAt: setUpAt,
  }));
}

/** A client's package as the reservations spend it (`used` counts the credits taken). */
export interface Purchase {
  spec: PurchaseSpec;
  pkg: PackageSpec;
  purchasedAt: Date;
  expiresAt: Date;
  used: number;
}

/** The purchases by key, none used yet; refuses one by a non-client or dated in the future. */
export function startPurchases(ctx: RowContext): Map<string, Purchase> {
  const { spec, fail, anchor } = ctx;
  const usersByKey = new Map(spec.users.map((user) => [user.key, user]));
  const packagesByKey = new Map(spec.packages.map((pkg) => [pkg.key, pkg]));
  return new Map(
    spec.purchases.map((purchase) => {
      const pkg =
        packagesByKey.get(purchase.package) ?? fail(`purchase ${purchase.key}: no package`);
      if (usersByKey.get(purchase.user)?.role !== 'CLIENT')
        fail(`purchase ${purchase.key}: not a client`);
      if (purchase.daysBeforeAnchor < 0) fail(`purchase ${purchase.key} is in the future`);
      const purchasedAt = addDays(anchor, -purchase.daysBeforeAnchor);
      const state: Purchase = {
        spec: purchase,
        pkg,
        purchasedAt,
        expiresAt: addDays(purchasedAt, pkg.validityDays),
        used: 0,
      };
      return [purchase.key, state];
    }),
  );
}

/** The clients' packages with the credits the reservations left them. */
export function buildUserPackages(
  ctx: RowContext,
  purchases: ReadonlyMap<string, Purchase>,
): Prisma.UserPackageCreateManyInput[] {
  const { id, clinicId } = ctx;
  return [...purchases.values()].map((purchase) => {
    const userPackageId = id('user-package', purchase.spec.key);
    return {
      clinicId,
      id: userPackageId,
      userId: id('user', purchase.spec.user),
      packageId: id('package', purchase.spec.package),
      creditsTotal: purchase.pkg.sessions,
      creditsLeft: purchase.pkg.sessions - purchase.used,
      expiresAt: purchase.expiresAt,
      status: 'active' as const,
      // Seeded credits are staff grants, not Stripe purchases.
      purchaseReference: `manual:${userPackageId}`,
      createdAt: purchase.purchasedAt,
    };
  });
}
