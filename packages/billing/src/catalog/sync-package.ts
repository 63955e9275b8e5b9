import { writeClinicAudit, type TenantClient } from '@eventora/tenancy';

import { BillingError } from '../errors';
import type { BillingProvider } from '../providers/billing-provider';

export interface SyncPackageInput {
  clinic: { id: string; slug: string };
  packageId: string;
  /** The staff member syncing, for the audit log. */
  userId: string;
  ip?: string | null;
}

export interface SyncedPackage {
  packageId: string;
  productId: string;
  priceId: string;
  /** True when a new price was created: the first sync, or the amount or currency changed. */
  priceCreated: boolean;
  /** The previous price, now archived in Stripe. */
  archivedPriceId: string | null;
}

/**
 * Creates or updates the package's Stripe Product and makes sure its Price matches the
 * package's amount and currency. Prices are immutable in Stripe, so a changed amount creates a
 * new Price and archives the old one. The ids are stored on the package (price unique per
 * clinic). Archived packages are synced as inactive products.
 */
export async function syncPackage(
  db: TenantClient,
  input: SyncPackageInput,
  deps: { provider: BillingProvider },
): Promise<SyncedPackage> {
  const pkg = await db.package.findFirst({
    where: { id: input.packageId },
    select: {
      id: true,
      name: true,
      description: true,
      priceCents: true,
      currency: true,
      archivedAt: true,
      stripeProductId: true,
      stripePriceId: true,
    },
  });
  if (!pkg) throw new BillingError('NOT_FOUND', 'Package not found.');
  if (pkg.priceCents <= 0) {
    throw new BillingError('UNPROCESSABLE', 'Free packages are not sold through Stripe.');
  }
  const { provider } = deps;
  const metadata = { clinicId: input.clinic.id, tenantSlug: input.clinic.slug, packageId: pkg.id };
  const product = {
    name: pkg.name,
    description: pkg.description,
    active: pkg.archivedAt === null,
    metadata,
  };

  let productId = pkg.stripeProductId;
  if (productId) {
    await provider.updateProduct(productId, product);
  } else {
    // The key makes a retried or concurrent first sync reuse one product.
    productId = await provider.createProduct(product, `product:${input.clinic.id}:${pkg.id}`);
  }

  const current = pkg.stripePriceId ? await provider.retrievePrice(pkg.stripePriceId) : null;
  const matches =
    current !== null &&
    current.active &&
    current.productId === productId &&
    current.unitAmount === pkg.priceCents &&
    current.currency === pkg.currency;
  let priceId = current?.id ?? '';
  let archivedPriceId: string | null = null;
  if (!matches) {
    priceId = await provider.createPrice(
      { productId, unitAmount: pkg.priceCents, currency: pkg.currency, metadata },
      `price:${input.clinic.id}:${pkg.id}:${productId}:${pkg.currency}:${pkg.priceCents}:${pkg.stripePriceId ?? 'none'}`,
    );
    if (current?.active) {
      await provider.archivePrice(current.id);
      archivedPriceId = current.id;
    }
  }

  await db.$transaction(async (tx) => {
    await tx.package.update({
      where: { clinicId_id: { clinicId: input.clinic.id, id: pkg.id } },
      data: { stripeProductId: productId, stripePriceId: priceId },
      select: { id: true },
    });
    await writeClinicAudit(tx, {
      clinicId: input.clinic.id,
      actor: { type: 'user', id: input.userId },
      ip: input.ip,
      action: 'billing.package_synced',
      entityType: 'Package',
      entityId: pkg.id,
      metadata: { productId, priceId, priceCreated: !matches, archivedPriceId },
    });
  });
  return { packageId: pkg.id, productId, priceId, priceCreated: !matches, archivedPriceId };
}
