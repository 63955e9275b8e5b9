import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';

/*
 * Issue 11 item 5: every privilege the runtime roles hold, compared with a declared
 * allow-list. A migration that grants an app role anything more (a table, a column, a
 * function, a schema, a role membership, a default privilege) fails this test until the list
 * says why it is needed. On the old main the portal's stats were written as eventora_platform
 * and eventora_portal_stats did not exist: this test failed there.
 */

const RUNTIME_ROLES = ['eventora_app', 'eventora_platform', 'eventora_portal_stats'] as const;

/**
 * What each role may do: `<kind> <object>: <privileges>`. pg-boss's per-queue tables in the
 * `pgboss` schema are counted as `pgboss.*` (their names are hashes; the platform role runs
 * the queue and may use all of them, see 20261203121000_job_queue).
 */
const ALLOWED: Record<(typeof RUNTIME_ROLES)[number], string[]> = {
  eventora_app: [
    'column public.calendar_feeds.revoked_at: UPDATE',
    'column public.outbox.attempts: UPDATE',
    'column public.outbox.claimed_until: UPDATE',
    'column public.outbox.last_error: UPDATE',
    'column public.outbox.next_attempt_at: UPDATE',
    'column public.outbox.secrets: UPDATE',
    'column public.outbox.sent_at: UPDATE',
    'column public.outbox.status: UPDATE',
    'column public.payments.client_id: UPDATE',
    'function public.audit_log_forget_person: EXECUTE',
    'function public.eventora_schema_version: EXECUTE',
    'function public.set_clinic_locale: EXECUTE',
    'function public.update_clinic_settings: EXECUTE',
    'function public.update_clinic_waitlist_hold: EXECUTE',
    'schema public: USAGE',
    'table public.account_tokens: DELETE INSERT SELECT UPDATE',
    'table public.audit_logs: INSERT SELECT',
    'table public.branches: DELETE INSERT SELECT UPDATE',
    'table public.calendar_feeds: DELETE INSERT SELECT',
    'table public.checkout_sessions: DELETE INSERT SELECT UPDATE',
    'table public.clinic_usage: SELECT',
    'table public.clinics: SELECT',
    'table public.erasure_requests: INSERT SELECT UPDATE',
    'table public.opening_hours: DELETE INSERT SELECT UPDATE',
    'table public.outbox: INSERT SELECT',
    'table public.packages: DELETE INSERT SELECT UPDATE',
    'table public.password_reset_tokens: DELETE INSERT SELECT UPDATE',
    'table public.payments: INSERT SELECT',
    'table public.privacy_consents: INSERT SELECT',
    'table public.privacy_notices: INSERT SELECT',
    'table public.reservation_notes: INSERT SELECT',
    'table public.reservation_series: INSERT SELECT',
    'table public.reservations: DELETE INSERT SELECT UPDATE',
    'table public.services: INSERT SELECT UPDATE',
    'table public.sessions: DELETE INSERT SELECT UPDATE',
    'table public.sign_in_attempts: DELETE INSERT SELECT UPDATE',
    'table public.stripe_events: DELETE INSERT SELECT UPDATE',
    'table public.therapist_branches: DELETE INSERT SELECT UPDATE',
    'table public.therapist_services: DELETE INSERT SELECT',
    'table public.therapist_shifts: DELETE INSERT SELECT UPDATE',
    'table public.therapists: DELETE INSERT SELECT UPDATE',
    'table public.time_off: DELETE INSERT SELECT',
    'table public.user_packages: DELETE INSERT SELECT UPDATE',
    'table public.users: DELETE INSERT SELECT UPDATE',
    'table public.waitlist_entries: INSERT SELECT UPDATE',
  ],
  eventora_platform: [
    // The console opens, drains and closes database servers (20261204050000).
    'column public.database_servers.state: UPDATE',
    'column public.database_servers.updated_at: UPDATE',
    'column public.platform_access_grants.closed_at: UPDATE',
    'column public.platform_sessions.expires_at: UPDATE',
    'default pgboss r: DELETE INSERT SELECT UPDATE',
    'function public.eventora_schema_version: EXECUTE',
    'function public.invite_first_owner: EXECUTE',
    'function public.record_platform_audit_entry: EXECUTE',
    'schema pgboss: USAGE',
    'schema public: USAGE',
    'table pgboss.*: DELETE INSERT SELECT UPDATE',
    'table public.api_request_stats: INSERT SELECT UPDATE',
    'table public.clinic_backups: SELECT',
    'table public.clinic_usage_daily: INSERT SELECT UPDATE',
    'table public.clinics: INSERT SELECT UPDATE',
    'table public.database_servers: SELECT',
    'table public.job_schedule_runs: INSERT SELECT UPDATE',
    'table public.platform_access_grants: INSERT SELECT',
    'table public.platform_audit_logs: INSERT SELECT',
    'table public.platform_operators: SELECT',
    'table public.platform_sessions: DELETE INSERT SELECT',
    'table public.platform_sign_in_attempts: DELETE INSERT SELECT UPDATE',
    'table public.tenant_moves: SELECT',
  ],
  eventora_portal_stats: [
    'column public.api_request_stats.day: SELECT',
    'column public.api_request_stats.errors: SELECT UPDATE',
    'column public.api_request_stats.latency_buckets: SELECT UPDATE',
    'column public.api_request_stats.procedure_kind: SELECT',
    'column public.api_request_stats.requests: SELECT UPDATE',
    'column public.api_request_stats.server_errors: SELECT UPDATE',
    'column public.api_request_stats.target_clinic_id: SELECT',
    'schema public: USAGE',
    'table public.api_request_stats: INSERT',
  ],
};

/** Every privilege `role` holds in this database, explicit or through PUBLIC-free grants. */
const PRIVILEGES_SQL = `
  WITH target AS (SELECT oid FROM pg_roles WHERE rolname = $1)
  SELECT line FROM (
    SELECT 'table ' || n.nspname || '.' || c.relname || ' ' || a.privilege_type AS line
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
           aclexplode(c.relacl) a, target
     WHERE a.grantee = target.oid
    UNION ALL
    SELECT 'column ' || n.nspname || '.' || c.relname || '.' || att.attname || ' ' || a.privilege_type
      FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid
           JOIN pg_namespace n ON n.oid = c.relnamespace,
           aclexplode(att.attacl) a, target
     WHERE a.grantee = target.oid
    UNION ALL
    SELECT 'function ' || n.nspname || '.' || p.proname || ' ' || a.privilege_type
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
           aclexplode(p.proacl) a, target
     WHERE a.grantee = target.oid
    UNION ALL
    SELECT 'schema ' || n.nspname || ' ' || a.privilege_type
      FROM pg_namespace n, aclexplode(n.nspacl) a, target
     WHERE a.grantee = target.oid
    UNION ALL
    SELECT 'default ' || coalesce(n.nspname, '*') || ' ' || d.defaclobjtype::text || ' ' || a.privilege_type
      FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace,
           aclexplode(d.defaclacl) a, target
     WHERE a.grantee = target.oid
    UNION ALL
    SELECT 'member of ' || r.rolname || ' MEMBER'
      FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid, target
     WHERE m.member = target.oid
  ) privileges
  ORDER BY line`;

/** `table public.users SELECT` lines grouped into `table public.users: DELETE SELECT`. */
function grouped(lines: string[]): string[] {
  const byObject = new Map<string, Set<string>>();
  for (const line of lines) {
    const at = line.lastIndexOf(' ');
    const object = line.slice(0, at).replace(/^table pgboss\.\w+$/, 'table pgboss.*');
    byObject.set(object, (byObject.get(object) ?? new Set()).add(line.slice(at + 1)));
  }
  return [...byObject]
    .map(([object, privileges]) => `${object}: ${[...privileges].sort().join(' ')}`)
    .sort();
}

describe('the runtime roles’ grants', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  for (const role of RUNTIME_ROLES) {
    it(`${role} holds exactly the privileges of its allow-list, nothing more`, async () => {
      const rows = await queryRows<{ line: string }>(db.adminUrl, PRIVILEGES_SQL, [role]);
      expect(grouped(rows.map((row) => row.line))).toEqual([...ALLOWED[role]].sort());
    });
  }

  it('the portal’s stats writer adds to the request stats, and can touch nothing else', async () => {
    await withClient(db.portalStatsUrl, async (stats) => {
      const upsert = `
        INSERT INTO api_request_stats (day, target_clinic_id, procedure_kind, requests, errors, server_errors)
        VALUES ('2031-01-01', '0195f1a0-0000-7000-8000-00000000000a', 'query', 2, 1, 0)
        ON CONFLICT (day, target_clinic_id, procedure_kind) DO UPDATE SET
          requests = api_request_stats.requests + EXCLUDED.requests,
          errors = api_request_stats.errors + EXCLUDED.errors,
          server_errors = api_request_stats.server_errors + EXCLUDED.server_errors`;
      await stats.query(upsert);
      await stats.query(upsert);
      const refused = { code: '42501' };
      await expect(stats.query('SELECT slug FROM clinics')).rejects.toMatchObject(refused);
      await expect(stats.query("UPDATE clinics SET name = 'x'")).rejects.toMatchObject(refused);
      await expect(
        stats.query(
          "INSERT INTO platform_sessions (id, operator_id, expires_at) VALUES ('x', gen_random_uuid(), now())",
        ),
      ).rejects.toMatchObject(refused);
      await expect(stats.query('SELECT * FROM users')).rejects.toMatchObject(refused);
      await expect(stats.query('DELETE FROM api_request_stats')).rejects.toMatchObject(refused);
    });
    const [row] = await queryRows(
      db.adminUrl,
      'SELECT requests::int, errors::int FROM api_request_stats',
    );
    expect(row).toEqual({ requests: 4, errors: 2 });
  });
});
