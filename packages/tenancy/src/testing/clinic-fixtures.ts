import pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';

import type { ClinicMode } from '../context/bound-clinic';
import { loadMigrations, migrateTarget } from '../migrations';
import type { TenantClient } from '../client/tenant-client';
import type { ClinicRecord } from '../router/clinic-record';
import type { TenantRouter } from '../router/tenant-router';
import type { TestDatabase } from './create-test-database';

/** The rows a test clinic starts with, one of each kind, so tests can aim at them. */
export interface ClinicFixture {
  clinic: ClinicRecord;
  db: TenantClient;
  ids: {
    client: string;
    branch: string;
    therapist: string;
    package: string;
    userPackage: string;
    reservation: string;
  };
}

/**
 * Registers a clinic (as the owner role) in `shared` or `schema` mode, provisions its schema
 * when needed, and creates one row of each kind through the router's tenant client.
 */
export async function createClinicFixture(
  database: TestDatabase,
  router: TenantRouter,
  { slug, mode = 'shared' }: { slug: string; mode?: Exclude<ClinicMode, 'database'> },
): Promise<ClinicFixture> {
  const schemaName = mode === 'schema' ? `clinic_${slug}` : null;
  if (schemaName) {
    await migrateTarget(
      { label: schemaName, connectionString: database.ownerUrl, schema: schemaName },
      await loadMigrations(migrationsDir),
    );
  }
  const owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      'INSERT INTO clinics (id, slug, name, mode, schema_name) VALUES (gen_random_uuid(), $1, $2, $3, $4)',
      [slug, `Clinic ${slug}`, mode, schemaName],
    );
  } finally {
    await owner.end();
  }

  return router.withClinic(slug, async (db, clinic) => {
    const clinicId = clinic.id;
    const client = await db.user.create({
      data: { clinicId, email: `client@${slug}.test`, name: `Client of ${slug}` },
    });
    const branch = await db.branch.create({
      data: { clinicId, name: `${slug} downtown`, timezone: 'America/Mexico_City' },
    });
    const therapist = await db.therapist.create({
      data: { clinicId, name: `Therapist of ${slug}` },
    });
    await db.therapistBranch.create({
      data: { clinicId, therapistId: therapist.id, branchId: branch.id },
    });
    const pkg = await db.package.create({
      data: {
        clinicId,
        name: '5 sessions',
        sessionsIncluded: 5,
        priceCents: 250000,
        currency: 'mxn',
        validityDays: 90,
      },
    });
    const userPackage = await db.userPackage.create({
      data: {
        clinicId,
        userId: client.id,
        packageId: pkg.id,
        creditsTotal: 5,
        creditsLeft: 5,
        expiresAt: new Date(Date.now() + 90 * 86_400_000),
        purchaseReference: `manual:${slug}`,
      },
    });
    const startsAt = new Date('2030-01-07T15:00:00Z');
    const reservation = await db.reservation.create({
      data: {
        clinicId,
        clientId: client.id,
        therapistId: therapist.id,
        branchId: branch.id,
        userPackageId: userPackage.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
      },
    });
    return {
      clinic,
      db,
      ids: {
        client: client.id,
        branch: branch.id,
        therapist: therapist.id,
        package: pkg.id,
        userPackage: userPackage.id,
        reservation: reservation.id,
      },
    };
  });
}
