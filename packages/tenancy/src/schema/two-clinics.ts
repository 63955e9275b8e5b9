import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { withClient } from '../with-client';

// Test fixture: two clinics with one row in every tenant table each, written as the owner.

/** The tenant tables this fixture fills (one row per clinic each). */
export const SEEDED_TABLES = [
  'users',
  'sessions',
  'branches',
  'opening_hours',
  'therapists',
  'therapist_branches',
  'therapist_shifts',
  'packages',
  'user_packages',
  'reservations',
  'password_reset_tokens',
  'audit_logs',
  'stripe_events',
  'checkout_sessions',
  'sign_in_attempts',
  'account_tokens',
  'services',
  'therapist_services',
  'payments',
  'time_off',
  'reservation_notes',
  'outbox',
  'privacy_notices',
  'privacy_consents',
  'erasure_requests',
  'reservation_series',
  'waitlist_entries',
  'calendar_feeds',
] as const;

export interface SeededClinic {
  id: string;
  clientId: string;
  therapistId: string;
  branchId: string;
  packageId: string;
  reservationId: string;
}

/**
 * Runs `work` in a transaction bound to `clinicId` the way the app binds it
 * (`set_config(..., true)`: transaction-local); rolls back if `work` throws.
 */
export async function asClinic<T>(
  client: ClientBase,
  clinicId: string,
  work: (client: ClientBase) => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('app.current_tenant', $1, true)", [clinicId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Registers clinics A and B and gives each one row in every tenant table. */
export async function seedTwoClinics(
  ownerUrl: string,
): Promise<{ a: SeededClinic; b: SeededClinic }> {
  return withClient(ownerUrl, async (owner) => ({
    a: await seedClinic(owner, 'clinic-a'),
    b: await seedClinic(owner, 'clinic-b'),
  }));
}

async function seedClinic(owner: ClientBase, slug: string): Promise<SeededClinic> {
  const id = randomUUID();
  await owner.query('INSERT INTO clinics (id, slug, name) VALUES ($1, $2, $3)', [id, slug, slug]);
  return seedClinicRows(owner, id, slug);
}

/**
 * Gives a registered clinic one row in every tenant table, in the tables the client's
 * search_path finds first (a clinic schema's, or a clinic database's).
 */
export async function seedClinicRows(
  owner: ClientBase,
  id: string,
  slug: string,
): Promise<SeededClinic> {
  const clinic: SeededClinic = {
    id,
    clientId: randomUUID(),
    therapistId: randomUUID(),
    branchId: randomUUID(),
    packageId: randomUUID(),
    reservationId: randomUUID(),
  };
  const { clientId, therapistId, branchId, packageId } = clinic;
  const userPackageId = randomUUID();
  // Tables FORCE row level security, so even the owner writes only the clinic it has bound.
  await asClinic(owner, id, async (db) => {
    // Older schemas (the archive's migrate-forward test) lack the newer tables: their rows are
    // skipped, so "one row in every tenant table" holds at any migration.
    const present = new Map<string, boolean>();
    const insert = async (sql: string, params: unknown[]) => {
      const table = /^INSERT INTO (\w+)/.exec(sql)![1]!;
      if (!present.has(table)) {
        const { rows } = await db.query<{ present: boolean }>(
          'SELECT to_regclass($1) IS NOT NULL AS present',
          [table],
        );
        present.set(table, rows[0]!.present);
      }
      if (present.get(table)) await db.query(sql, [id, ...params]);
    };
    await insert('INSERT INTO users (clinic_id, id, email, name) VALUES ($1, $2, $3, $4)', [
      clientId,
      `client@${slug}.test`,
      'Client',
    ]);
    await insert(
      'INSERT INTO sessions (clinic_id, id, user_id, expires_at) VALUES ($1, $2, $3, $4)',
      [
        randomUUID().replaceAll('-', '').padEnd(64, '0'),
        clientId,
        new Date(Date.now() + 3_600_000),
      ],
    );
    await insert('INSERT INTO branches (clinic_id, id, name, timezone) VALUES ($1, $2, $3, $4)', [
      branchId,
      'Main',
      'UTC',
    ]);
    await insert(
      'INSERT INTO opening_hours (clinic_id, id, branch_id, weekday, opens_at, closes_at) VALUES ($1, $2, $3, 1, 540, 1080)',
      [randomUUID(), branchId],
    );
    await insert('INSERT INTO therapists (clinic_id, id, name) VALUES ($1, $2, $3)', [
      therapistId,
      'Therapist',
    ]);
    await insert(
      'INSERT INTO therapist_branches (clinic_id, therapist_id, branch_id) VALUES ($1, $2, $3)',
      [therapistId, branchId],
    );
    await insert(
      'INSERT INTO therapist_shifts (clinic_id, id, therapist_id, branch_id, weekday, starts_at, ends_at) VALUES ($1, $2, $3, $4, 1, 540, 1020)',
      [randomUUID(), therapistId, branchId],
    );
    await insert(
      "INSERT INTO packages (clinic_id, id, name, sessions_included, price_cents, currency, validity_days) VALUES ($1, $2, 'Five', 5, 50000, 'usd', 90)",
      [packageId],
    );
    await insert(
      "INSERT INTO user_packages (clinic_id, id, user_id, package_id, credits_total, credits_left, expires_at, purchase_reference) VALUES ($1, $2, $3, $4, 5, 5, now() + interval '90 days', $5)",
      [userPackageId, clientId, packageId, `manual:${userPackageId}`],
    );
    await insert(
      "INSERT INTO reservations (clinic_id, id, client_id, therapist_id, branch_id, user_package_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, '2030-01-07 09:00Z', '2030-01-07 10:00Z')",
      [clinic.reservationId, clientId, therapistId, branchId, userPackageId],
    );
    await insert(
      "INSERT INTO password_reset_tokens (clinic_id, id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '15 minutes')",
      [randomUUID(), clientId, 'f'.repeat(64)],
    );
    await insert(
      "INSERT INTO audit_logs (clinic_id, id, actor_type, action) VALUES ($1, $2, 'system', 'seed')",
      [randomUUID()],
    );
    await insert(
      "INSERT INTO stripe_events (clinic_id, id, type) VALUES ($1, $2, 'checkout.session.completed')",
      [`evt_${slug}`],
    );
    await insert(
      'INSERT INTO checkout_sessions (clinic_id, id, user_id, package_id) VALUES ($1, $2, $3, $4)',
      [`cs_${slug}`, clientId, packageId],
    );
    await insert(
      'INSERT INTO sign_in_attempts (clinic_id, key, attempts, window_started_at) VALUES ($1, $2, 1, now())',
      [`account:client@${slug}.test`],
    );
    await insert(
      "INSERT INTO account_tokens (clinic_id, id, user_id, kind, token_hash, expires_at) VALUES ($1, $2, $3, 'invitation', $4, now() + interval '7 days')",
      [randomUUID(), clientId, 'e'.repeat(64)],
    );
    const serviceId = randomUUID();
    await insert(
      "INSERT INTO services (clinic_id, id, name, duration_minutes, price_cents, currency) VALUES ($1, $2, 'Massage', 60, 6000, 'usd')",
      [serviceId],
    );
    await insert(
      'INSERT INTO therapist_services (clinic_id, therapist_id, service_id) VALUES ($1, $2, $3)',
      [therapistId, serviceId],
    );
    await insert(
      "INSERT INTO payments (clinic_id, id, client_id, reservation_id, amount_cents, currency, method, recorded_by) VALUES ($1, $2, $3, $4, 6000, 'usd', 'cash', $3)",
      [randomUUID(), clientId, clinic.reservationId],
    );
    await insert(
      "INSERT INTO time_off (clinic_id, id, therapist_id, first_day, last_day) VALUES ($1, $2, $3, '2030-08-01', '2030-08-14')",
      [randomUUID(), therapistId],
    );
    await insert(
      "INSERT INTO reservation_notes (clinic_id, id, reservation_id, author_id, body) VALUES ($1, $2, $3, $4, 'Note')",
      [randomUUID(), clinic.reservationId, clientId],
    );
    await insert(
      "INSERT INTO outbox (clinic_id, id, kind, to_email, to_name) VALUES ($1, $2, 'booking.confirmed', $3, 'Client')",
      [randomUUID(), `client@${slug}.test`],
    );
    await insert(
      "INSERT INTO privacy_notices (clinic_id, version, body) VALUES ($1, 1, 'Notice')",
      [],
    );
    await insert(
      'INSERT INTO privacy_consents (clinic_id, id, user_id, notice_version) VALUES ($1, $2, $3, 1)',
      [randomUUID(), clientId],
    );
    await insert('INSERT INTO erasure_requests (clinic_id, id, user_id) VALUES ($1, $2, $3)', [
      randomUUID(),
      clientId,
    ]);
    await insert(
      'INSERT INTO reservation_series (clinic_id, id, client_id, therapist_id, branch_id, every_weeks, occurrences, created_by) VALUES ($1, $2, $3, $4, $5, 1, 4, $3)',
      [randomUUID(), clientId, therapistId, branchId],
    );
    await insert(
      "INSERT INTO waitlist_entries (clinic_id, id, client_id, branch_id, day) VALUES ($1, $2, $3, $4, '2030-01-08')",
      [randomUUID(), clientId, branchId],
    );
    await insert(
      'INSERT INTO calendar_feeds (clinic_id, id, user_id, token_hash) VALUES ($1, $2, $3, $4)',
      [randomUUID(), clientId, randomUUID().replaceAll('-', '').padEnd(64, '0')],
    );
  });
  return clinic;
}
