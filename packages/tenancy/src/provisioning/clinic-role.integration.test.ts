import { randomBytes } from 'node:crypto';
import { migrationsDir } from '@eventora/db/migrations';
import { createOwnedDatabase } from '@eventora/db/roles';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadMigrations, migrateTarget } from '../migrations';
import {
  createTestDatabase,
  startSecondServer,
  type SecondServer,
  type TestDatabase,
} from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import {
  clinicRoleName,
  ensureClinicRole,
  lintClinicRoles,
  retireClinicRoles,
  rotateClinicRole,
} from './clinic-role';

// Three database-mode clinics with their own login roles: alpha and bravo on the test server,
// charlie on a second server. Each role is tried against every database as an attacker holding
// its password would.

const run = randomBytes(3).toString('hex');
const slugs = { alpha: `r${run}-alpha`, bravo: `r${run}-bravo`, charlie: `r${run}-charlie` };
/** The clinic's group role (named like its database). */
const role = (name: keyof typeof slugs) => clinicRoleName(slugs[name]);
/** Its first login role, the one created with the clinic's password. */
const login = (name: keyof typeof slugs) => `${role(name)}_a`;
const passwords = { alpha: 'alpha-secret-1', bravo: 'bravo-secret-1', charlie: 'charlie-secret-1' };

let shared: TestDatabase;
let second: SecondServer;
let alphaClinicId: string;

/** A URL of `server` as a clinic role, to a database. */
function asRole(serverUrl: string, user: string, password: string, database: string): string {
  const url = new URL(serverUrl);
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
}
const serverA = () => shared.adminUrl;
const connect = (url: string) => withClient(url, (client) => client.query('SELECT 1'));

beforeAll(async () => {
  [shared, second] = await Promise.all([createTestDatabase(), startSecondServer()]);
  const migrations = await loadMigrations(migrationsDir);
  await withClient(serverA(), async (admin) => {
    for (const name of ['alpha', 'bravo'] as const) {
      await createOwnedDatabase(admin, role(name));
      await ensureClinicRole(admin, {
        role: role(name),
        database: role(name),
        password: passwords[name],
      });
    }
  });
  const charlieOwnerUrl = await second.createDatabase(role('charlie'));
  await withClient(second.adminUrl, (admin) =>
    ensureClinicRole(admin, {
      role: role('charlie'),
      database: role('charlie'),
      password: passwords.charlie,
    }),
  );
  await migrateTarget(
    { label: 'alpha', connectionString: shared.ownerUrl.replace(shared.name, role('alpha')) },
    migrations,
  );
  await migrateTarget({ label: 'charlie', connectionString: charlieOwnerUrl }, migrations);
  alphaClinicId = '7d1c2f4e-0000-4000-8000-000000000001';
  await withClient(shared.ownerUrl.replace(shared.name, role('alpha')), async (owner) => {
    await owner.query('BEGIN');
    await owner.query("SELECT set_config('app.current_tenant', $1, true)", [alphaClinicId]);
    await owner.query(
      "INSERT INTO users (clinic_id, id, email, name) VALUES ($1, gen_random_uuid(), 'a@alpha.test', 'A')",
      [alphaClinicId],
    );
    await owner.query('COMMIT');
  });
}, 120_000);

afterAll(async () => {
  await withClient(serverA(), async (admin) => {
    for (const name of ['alpha', 'bravo'] as const) {
      await admin.query(
        `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(role(name))} WITH (FORCE)`,
      );
      for (const each of [login(name), `${role(name)}_b`, role(name)])
        await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(each)}`);
    }
  }).catch(() => undefined);
  await shared?.drop();
  await second?.stop();
});

describe('a database-mode clinic’s own login role', () => {
  it('connects to its clinic’s database and works there as the runtime role, under row level security', async () => {
    const url = asRole(serverA(), login('alpha'), passwords.alpha, role('alpha'));
    const [who] = await queryRows<{ current_user: string; session_user: string }>(
      url,
      'SELECT current_user, session_user',
    );
    expect(who).toEqual({ current_user: 'eventora_app', session_user: login('alpha') });
    // Unbound: the policy matches nothing. Bound to the clinic: its row.
    expect(await queryRows(url, 'SELECT email FROM users')).toEqual([]);
    const bound = await withClient(url, async (client) => {
      await client.query('BEGIN');
      await client.query("SELECT set_config('app.current_tenant', $1, true)", [alphaClinicId]);
      const { rows } = await client.query('SELECT email FROM users');
      await client.query('COMMIT');
      return rows;
    });
    expect(bound).toEqual([{ email: 'a@alpha.test' }]);
    await expect(
      connect(asRole(second.adminUrl, login('charlie'), passwords.charlie, role('charlie'))),
    ).resolves.toBeDefined();
    // The group itself cannot log in.
    await expect(
      connect(asRole(second.adminUrl, role('charlie'), passwords.charlie, role('charlie'))),
    ).rejects.toThrow(/not permitted to log in|password authentication failed/);
  });

  it('cannot connect to another clinic’s database, the shared database, or any database of the other server', async () => {
    const alpha = (server: string, database: string) =>
      asRole(server, login('alpha'), passwords.alpha, database);
    await expect(connect(alpha(serverA(), role('bravo')))).rejects.toThrow(
      /permission denied for database/,
    );
    // The runtime role may connect to the shared database; its member alpha does not inherit that.
    await expect(connect(alpha(serverA(), shared.name))).rejects.toThrow(
      /permission denied for database/,
    );
    await expect(connect(alpha(second.adminUrl, role('charlie')))).rejects.toThrow(
      /password authentication failed/,
    );
    const charlie = (database: string) =>
      asRole(serverA(), login('charlie'), passwords.charlie, database);
    // charlie exists on the second server only (a trust-auth test server says so plainly).
    await expect(connect(charlie(role('alpha')))).rejects.toThrow(
      /password authentication failed|role ".*" does not exist/,
    );
  });

  it('passes the lint on both servers, which catches a grant or an INHERIT that reaches another clinic', async () => {
    const mine = (findings: { role: string; reach: string }[]) =>
      findings.filter((finding) => finding.role.includes(run)).map((f) => `${f.role} ${f.reach}`);
    expect(mine(await withClient(serverA(), lintClinicRoles))).toEqual([]);
    expect(mine(await withClient(second.adminUrl, lintClinicRoles))).toEqual([]);

    const planted = await withClient(serverA(), async (admin) => {
      await admin.query('BEGIN');
      try {
        await admin.query(
          `GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(role('bravo'))} TO ${admin.escapeIdentifier(login('alpha'))}`,
        );
        await admin.query(`ALTER ROLE ${admin.escapeIdentifier(role('bravo'))} INHERIT`);
        return await lintClinicRoles(admin);
      } finally {
        await admin.query('ROLLBACK');
      }
    });
    const found = mine(planted);
    expect(found.filter((line) => line.startsWith(login('alpha')))).toEqual([
      `${login('alpha')} ${role('bravo')}`,
    ]);
    // A group that inherits the runtime role hands its CONNECT on every Eventora database of
    // the server (alpha's and the shared one among them) to its login roles.
    expect(found).toEqual(
      expect.arrayContaining([
        `${login('bravo')} ${role('alpha')}`,
        `${login('bravo')} ${shared.name}`,
        `${role('bravo')} INHERIT`,
      ]),
    );
  });

  it('rotates without downtime: a pool on the old password keeps working and connecting during the grace, then the old password is refused', async () => {
    const old = asRole(second.adminUrl, login('charlie'), passwords.charlie, role('charlie'));
    const pool = new pg.Pool({ connectionString: old, max: 2 });
    const held = await pool.connect();
    try {
      const rotation = await withClient(second.adminUrl, (admin) =>
        // Long enough for the checks below on a loaded 2-core machine.
        rotateClinicRole(admin, role('charlie'), 'charlie-secret-2', { graceSeconds: 20 }),
      );
      expect(rotation).toMatchObject({ role: `${role('charlie')}_b`, retiring: login('charlie') });
      const fresh = asRole(
        second.adminUrl,
        `${role('charlie')}_b`,
        'charlie-secret-2',
        role('charlie'),
      );
      // During the grace: the held session, a new pooled connection and a new client on the
      // old password all work, and so does the new password.
      await expect(held.query('SELECT 1 AS ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
      const second_ = await pool.connect();
      second_.release();
      await expect(connect(old)).resolves.toBeDefined();
      expect(await queryRows(fresh, 'SELECT current_user AS u')).toEqual([{ u: 'eventora_app' }]);
      // A second rotation before the grace is over is refused, changing nothing.
      await expect(
        withClient(second.adminUrl, (admin) =>
          rotateClinicRole(admin, role('charlie'), 'charlie-secret-3', { graceSeconds: 20 }),
        ),
      ).rejects.toThrow(/under way/);

      // Still inside the grace when the checks above ended: they proved the overlap.
      expect(Date.now()).toBeLessThan(rotation.retiresAt.getTime());
      await new Promise((resolve) =>
        setTimeout(resolve, rotation.retiresAt.getTime() - Date.now() + 1_000),
      );
      // After it: the old password is refused (its validity ended), the open session stays.
      await expect(connect(old)).rejects.toThrow(/password authentication failed/);
      await expect(held.query('SELECT 1 AS ok')).resolves.toMatchObject({ rows: [{ ok: 1 }] });
      expect(
        await withClient(second.adminUrl, (admin) => retireClinicRoles(admin, role('charlie'))),
      ).toEqual([login('charlie')]);
      await expect(connect(old)).rejects.toThrow(/password authentication failed/);
      expect(await queryRows(fresh, 'SELECT current_user AS u')).toEqual([{ u: 'eventora_app' }]);
      // Every clinic role of the server still reaches its own database only.
      const mine = (findings: { role: string }[]) =>
        findings.filter((finding) => finding.role.includes(run));
      expect(mine(await withClient(second.adminUrl, lintClinicRoles))).toEqual([]);
      // The next rotation goes back to the first login role.
      const next = await withClient(second.adminUrl, (admin) =>
        rotateClinicRole(admin, role('charlie'), 'charlie-secret-3', { graceSeconds: 0 }),
      );
      expect(next.role).toBe(login('charlie'));
      expect(
        await queryRows(
          asRole(second.adminUrl, login('charlie'), 'charlie-secret-3', role('charlie')),
          'SELECT current_user AS u',
        ),
      ).toEqual([{ u: 'eventora_app' }]);
    } finally {
      held.release();
      await pool.end();
    }
  });
});
