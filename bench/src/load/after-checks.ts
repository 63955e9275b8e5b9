import { verifyAuditChain } from '@eventora/api';
import type { TenantRouter } from '@eventora/tenancy';

import { withClient } from '@eventora/tenancy/with-client';
import type { HttpClient } from './http-client';
import type { Acknowledged } from './load-mix';
import { clinicHeaders, trpcQueryPath } from './portal-env';
import type { LoadClinic, World } from './world';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * What must hold after the load and the faults, read from the database as the superuser (the
 * test's own view of the truth) and over HTTP as an attacker would probe:
 * no row of one clinic where another's live, no therapist double-booked, every acknowledged
 * booking present (and cancelled only if its cancellation was acknowledged), every audit chain
 * intact, and the portal's connections back within its budget.
 */
export async function afterChecks(
  world: World,
  router: TenantRouter,
  http: HttpClient,
  port: number,
  acknowledged: readonly Acknowledged[],
  budget: number,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const targets = storageTargets(world);

  // 1. Cross-clinic rows: in a clinic's own schema or database, every row is that clinic's; in
  //    the shared schema, every row belongs to a clinic registered there.
  let foreign = 0;
  for (const target of targets) {
    await withClient(target.adminUrl, async (admin) => {
      const { rows: tables } = await admin.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns
          WHERE table_schema = $1 AND column_name = 'clinic_id' AND is_nullable = 'NO'`,
        [target.schema],
      );
      for (const { table_name: table } of tables) {
        const qualified = `${admin.escapeIdentifier(target.schema)}.${admin.escapeIdentifier(table)}`;
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${qualified} WHERE NOT (clinic_id = ANY($1::uuid[]))`,
          [target.clinicIds],
        );
        foreign += rows[0]!.n;
      }
    });
  }
  results.push({
    name: 'zero cross-clinic rows (every clinic’s schema/database holds only its own rows)',
    ok: foreign === 0,
    detail: `${foreign} foreign rows in ${targets.length} storage targets`,
  });

  // 2. The isolation probe over HTTP: a session of one clinic is unknown at another, and a
  //    booking of one clinic is NOT_FOUND for another's staff.
  let leaks = 0;
  const probes = Math.min(20, world.clinics.length - 1);
  for (let i = 0; i < probes; i += 1) {
    const a = world.clinics[i]!;
    const b = world.clinics[(i + 1) % world.clinics.length]!;
    const crossToken = await http.request(
      'GET',
      trpcQueryPath('reservation.list', {}),
      clinicHeaders(b.slug, port, a.clientToken),
    );
    if (crossToken.status !== 401) leaks += 1;
    const booking = acknowledged.find((entry) => entry.clinic.slug === a.slug);
    if (booking) {
      const byId = await http.request(
        'GET',
        trpcQueryPath('reservation.byId', { id: booking.id }),
        clinicHeaders(b.slug, port, b.staffToken),
      );
      if (byId.status !== 404) leaks += 1;
    }
  }
  results.push({
    name: 'isolation probe: other clinics’ sessions refused (401), bookings NOT_FOUND (404)',
    ok: leaks === 0,
    detail: `${leaks} leaks in ${probes} clinic pairs`,
  });

  // 3. No therapist double-booked (the exclusion constraint's promise, checked directly).
  let doubles = 0;
  for (const target of targets) {
    await withClient(target.adminUrl, async (admin) => {
      const reservations = `${admin.escapeIdentifier(target.schema)}.reservations`;
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${reservations} r1 JOIN ${reservations} r2
            ON r1.clinic_id = r2.clinic_id AND r1.therapist_id = r2.therapist_id AND r1.id < r2.id
           AND r1.status <> 'cancelled' AND r2.status <> 'cancelled'
           AND tstzrange(r1.starts_at, r1.ends_at) && tstzrange(r2.starts_at, r2.ends_at)`,
      );
      doubles += rows[0]!.n;
    });
  }
  results.push({
    name: 'zero double bookings',
    ok: doubles === 0,
    detail: `${doubles} overlapping pairs`,
  });

  // 4. Every acknowledged booking is there, cancelled only if that was acknowledged.
  let missing = 0;
  let wrongStatus = 0;
  const byClinic = new Map<LoadClinic, Acknowledged[]>();
  for (const entry of acknowledged) {
    byClinic.set(entry.clinic, [...(byClinic.get(entry.clinic) ?? []), entry]);
  }
  for (const [clinic, entries] of byClinic) {
    await withClient(adminUrlOf(world, clinic), async (admin) => {
      const { rows } = await admin.query<{ id: string; status: string }>(
        `SELECT id, status::text FROM ${admin.escapeIdentifier(clinic.schema)}.reservations
          WHERE clinic_id = $1 AND id = ANY($2::uuid[])`,
        [clinic.id, entries.map((entry) => entry.id)],
      );
      const found = new Map(rows.map((row) => [row.id, row.status]));
      for (const entry of entries) {
        const status = found.get(entry.id);
        if (!status) missing += 1;
        else if (entry.cancelled && status !== 'cancelled') wrongStatus += 1;
      }
    });
  }
  results.push({
    name: 'every acknowledged booking present (acknowledged cancellations cancelled)',
    ok: missing === 0 && wrongStatus === 0,
    detail: `${acknowledged.length} acknowledged, ${missing} missing, ${wrongStatus} with the wrong status`,
  });

  // 5. Every clinic's audit chain verifies.
  let broken = 0;
  let entries = 0;
  for (const clinic of world.clinics) {
    const report = await router.withClinic(clinic.id, (db) => verifyAuditChain(db, clinic.id));
    entries += report.entries;
    if (!report.ok) broken += 1;
  }
  results.push({
    name: 'every audit chain verifies',
    ok: broken === 0,
    detail: `${world.clinics.length} chains, ${entries} entries, ${broken} broken`,
  });

  // 6. The portal's connections (runtime role) are back within its budget.
  const connections = await withClient(world.postgres.adminUrl, async (admin) => {
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'eventora_app'",
    );
    return rows[0]!.n;
  });
  // The checker's own router holds a few too.
  const checkerConnections = router.stats().connections;
  results.push({
    name: 'pools back within budget after the run',
    ok: connections - checkerConnections <= budget,
    detail: `${connections - checkerConnections} portal connections (budget ${budget})`,
  });
  return results;
}

interface StorageTarget {
  adminUrl: string;
  schema: string;
  clinicIds: string[];
}

function adminUrlOf(world: World, clinic: LoadClinic): string {
  if (clinic.mode !== 'database') return world.urls.admin;
  const url = new URL(world.postgres.adminUrl);
  url.pathname = new URL(clinic.ownerUrl).pathname;
  return url.toString();
}

function storageTargets(world: World): StorageTarget[] {
  const shared = world.clinics.filter((clinic) => clinic.mode === 'shared');
  return [
    { adminUrl: world.urls.admin, schema: 'public', clinicIds: shared.map((clinic) => clinic.id) },
    ...world.clinics
      .filter((clinic) => clinic.mode !== 'shared')
      .map((clinic) => ({
        adminUrl: adminUrlOf(world, clinic),
        schema: clinic.schema,
        clinicIds: [clinic.id],
      })),
  ];
}
