import { devRoleUrl } from '@eventora/db/dev-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clinicRoleName, lintClinicRoles } from '../provisioning/clinic-role';
import { listDatabaseServers, setDatabaseServerState } from '../provisioning/database-servers';
import { databaseUrlResolver } from '../provisioning/database-url';
import { readClinicRecord } from '../router/clinic-record';
import { TenantRouter } from '../router/tenant-router';
import { listTenantTables } from '../tables';
import {
  createTestDatabase,
  startSecondServer,
  type SecondServer,
  type TestDatabase,
} from '../testing';
import { withClient } from '../with-client';
import { appEndpoint, ownerEndpoint, serverDatabaseSecret } from './location';
import { listMoves } from './move-record';
import { planMove, rollbackMove, startMove, type MoveOptions } from './move-clinic';
import { digestTables } from './move-digest';
import {
  moveOptions,
  rawAsRuntime,
  readBack,
  seedMoveClinics,
  startWriter,
  type MoveClinic,
} from './move-fixtures';

// Two real PostgreSQL servers in the registry: "a" is the test server (its owner URL behind
// SERVER_A_OWNER), "b" a second, embedded one (SERVER_B_OWNER). Clinic A moves from the shared
// schema to a database on "a", then from there to a database on "b" — with its own login role
// there — while writers book at it and at two other clinics, then rolls back to "a".

let db: TestDatabase;
let second: SecondServer;
let options: MoveOptions;
let router: TenantRouter;
let clinics: Record<'a' | 'b' | 'c', MoveClinic>;
const secrets: Record<string, string | undefined> = {};
const PASSWORD = 'clinic-a role password 1';
const ROLE = clinicRoleName('clinic-a');
const REF_B = serverDatabaseSecret('clinic-a', 'b');

function hostOf(url: string) {
  return new URL(url).host;
}

beforeAll(async () => {
  [db, second] = await Promise.all([createTestDatabase(), startSecondServer()]);
  clinics = await seedMoveClinics(db, 500);
  const onA = `${db.name}_clinic_a`;
  Object.assign(secrets, {
    SERVER_A_OWNER: db.ownerUrl,
    SERVER_B_OWNER: devRoleUrl(second.adminUrl, 'owner', 'postgres'),
    // On "a" the clinic's database is reached with the shared runtime role.
    CLINIC_A_ON_A: devRoleUrl(db.ownerUrl, 'app', onA),
    CLINIC_A_ON_A_OWNER: devRoleUrl(db.ownerUrl, 'owner', onA),
    // On "b" with its own login role (created by the move).
    [REF_B]: `postgresql://${ROLE}_a:${encodeURIComponent(PASSWORD)}@${hostOf(second.adminUrl)}/${ROLE}`,
    [`${REF_B}_OWNER`]: devRoleUrl(second.adminUrl, 'owner', ROLE),
    [`${REF_B}_ADMIN`]: second.adminUrl,
    CLINIC_CLINIC_A_DB_PASSWORD: PASSWORD,
  });
  await withClient(db.ownerUrl, (owner) =>
    owner.query(
      `INSERT INTO database_servers (name, url_ref, capacity)
       VALUES ('a', 'SERVER_A_OWNER', 5), ('b', 'SERVER_B_OWNER', 5)`,
    ),
  );
  options = await moveOptions(db, { secrets: (name) => secrets[name] });
  router = new TenantRouter({
    connectionString: db.appUrl,
    resolveDatabaseUrl: databaseUrlResolver(db.appUrl, (name) => secrets[name]),
    connectionBudget: 12,
  });
}, 120_000);
afterAll(async () => {
  await router?.close();
  await db?.drop();
  await second?.stop();
});

const registry = () =>
  withClient(db.ownerUrl, (owner) => readClinicRecord(owner as never, clinics.a.id));
const digestAt = (location: Parameters<typeof ownerEndpoint>[0]) => {
  const at = ownerEndpoint(location, options);
  return withClient(at.url, async (client) =>
    digestTables(client, at.schema, clinics.a.id, await listTenantTables(client, at.schema)),
  );
};
/** Where the router sends clinic A now: the server's port and the database. */
const routedTo = () =>
  router.withClinic(clinics.a.id, async (tenant) => {
    const [row] = await tenant.$queryRawUnsafe<{ database: string; port: number }[]>(
      'SELECT current_database() AS database, inet_server_port() AS port',
    );
    return row!;
  });

describe('moving a database-mode clinic between registered database servers', () => {
  it('moves the shared clinic to a database on server a, recording the server', async () => {
    const move = await startMove(
      {
        slug: 'clinic-a',
        to: 'database',
        server: 'a',
        databaseUrlRef: 'CLINIC_A_ON_A',
        actor: 'ops@eventora.test',
        reason: 'test: dedicated database on server a',
      },
      options,
    );
    expect(move).toMatchObject({
      state: 'done',
      to: { mode: 'database', databaseUrlRef: 'CLINIC_A_ON_A', databaseServer: 'a' },
    });
    expect(await registry()).toMatchObject({ mode: 'database', databaseServer: 'a' });
  }, 300_000);

  it('moves it from server a to server b while writers write: every write kept, checksums equal, its own role on b, the old route frozen', async () => {
    const before = await registry();
    const writers = {
      a: startWriter(router, clinics.a, 100_000),
      b: startWriter(router, clinics.b, 100_000),
      c: startWriter(router, clinics.c, 100_000),
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    const move = await startMove(
      {
        slug: 'clinic-a',
        to: 'database',
        server: 'b',
        actor: 'ops@eventora.test',
        reason: 'test: server a is being drained',
      },
      options,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logs = {
      a: await writers.a.stop(),
      b: await writers.b.stop(),
      c: await writers.c.stop(),
    };

    expect(move).toMatchObject({
      state: 'done',
      step: 'retained',
      from: { mode: 'database', databaseUrlRef: 'CLINIC_A_ON_A', databaseServer: 'a' },
      to: { mode: 'database', databaseUrlRef: REF_B, databaseServer: 'b' },
    });
    expect(move.checksums.target).toEqual(move.checksums.source);
    // The retained source holds still (frozen) as verified; the target has taken writes since.
    expect(await digestAt(move.from)).toEqual(move.checksums.source);
    expect(logs.a.failed).toEqual([]);
    expect(logs.b.failed).toEqual([]);
    expect(logs.c.failed).toEqual([]);
    expect(logs.a.booked.length).toBeGreaterThan(0);

    // The registry's route and server reference flipped together.
    expect(await registry()).toMatchObject({
      mode: 'database',
      status: 'active',
      databaseUrlRef: REF_B,
      databaseServer: 'b',
      routingVersion: before!.routingVersion + 1,
    });
    const servers = await withClient(db.ownerUrl, (owner) => listDatabaseServers(owner));
    expect(servers.map((server) => [server.name, server.clinics])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);

    // Nothing acknowledged lost or duplicated; the router reads it on server b, in its database.
    const seen = await readBack(router, clinics.a);
    const ids = seen.reservations.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(logs.a.booked));
    expect(await routedTo()).toEqual({
      database: ROLE,
      port: Number(new URL(second.adminUrl).port),
    });

    // Its own login role on b reaches its database only; the runtime URL signs in as it.
    expect(await withClient(second.adminUrl, (admin) => lintClinicRoles(admin))).toEqual([]);
    expect(
      await withClient(
        secrets[REF_B]!,
        async (client) =>
          (await client.query<{ role: string }>('SELECT session_user AS role')).rows[0]?.role,
      ),
    ).toBe(`${ROLE}_a`);

    // The old route is kept frozen: a stale writer at server a is refused by the database.
    const old = appEndpoint(move.from, options);
    await expect(
      rawAsRuntime(old.url, old.schema, clinics.a.id, (sql) =>
        sql.query("UPDATE branches SET name = 'stale write' WHERE clinic_id = $1", [clinics.a.id]),
      ),
    ).rejects.toMatchObject({ code: 'EV001' });
  }, 400_000);

  it('refuses a move to a draining server and one whose secrets are missing, changing nothing', async () => {
    const moves = (await withClient(db.ownerUrl, (owner) => listMoves(owner, clinics.b.id))).length;
    await withClient(db.ownerUrl, (owner) => setDatabaseServerState(owner, 'a', 'draining'));
    await expect(
      planMove({ slug: 'clinic-b', to: 'database', server: 'a' }, options),
    ).rejects.toMatchObject({
      code: 'SERVER_REFUSED',
      message: expect.stringContaining('draining'),
    });
    await withClient(db.ownerUrl, (owner) => setDatabaseServerState(owner, 'a', 'open'));
    await expect(
      startMove(
        { slug: 'clinic-b', to: 'database', server: 'b', actor: 'ops', reason: 'test: no secret' },
        options,
      ),
    ).rejects.toMatchObject({
      code: 'SERVER_REFUSED',
      message: expect.stringContaining(
        'CLINIC_CLINIC_B_B_DATABASE_URL, CLINIC_CLINIC_B_B_DATABASE_URL_OWNER',
      ),
    });
    await expect(
      planMove({ slug: 'clinic-b', to: 'schema', server: 'b' }, options),
    ).rejects.toMatchObject({ code: 'SERVER_REFUSED' });
    expect((await withClient(db.ownerUrl, (owner) => listMoves(owner, clinics.b.id))).length).toBe(
      moves,
    );
    expect(
      await withClient(db.ownerUrl, (owner) => readClinicRecord(owner as never, clinics.b.id)),
    ).toMatchObject({ mode: 'shared', databaseServer: null });
  });

  it('rolls the server move back: the clinic returns to server a with the writes made since', async () => {
    const writer = startWriter(router, clinics.a, 200_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const back = await rollbackMove(
      'clinic-a',
      { actor: 'ops@eventora.test', reason: 'test: back to server a' },
      options,
    );
    const log = await writer.stop();
    expect(back).toMatchObject({
      state: 'done',
      to: { databaseUrlRef: 'CLINIC_A_ON_A', databaseServer: 'a' },
    });
    expect(log.failed).toEqual([]);
    expect(await registry()).toMatchObject({
      databaseUrlRef: 'CLINIC_A_ON_A',
      databaseServer: 'a',
    });
    const ids = (await readBack(router, clinics.a)).reservations.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(log.booked));
    expect((await routedTo()).port).toBe(Number(new URL(db.ownerUrl).port || 5432));
  }, 400_000);
});
