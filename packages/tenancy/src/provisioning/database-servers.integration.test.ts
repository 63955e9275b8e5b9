import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { devRoleUrl } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadMigrations, type Migration } from '../migrations';
import {
  createTestDatabase,
  startSecondServer,
  type SecondServer,
  type TestDatabase,
} from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import {
  listDatabaseServers,
  registerDatabaseServer,
  setDatabaseServerState,
} from './database-servers';
import { discardClinic, provisionClinic } from './provision-clinic';

// Database-mode clinics placed on registered servers: "b" and "c" are two registered names for
// a second, real PostgreSQL server (its owner role's URL behind the secret SERVER_B_OWNER).

let shared: TestDatabase;
let second: SecondServer;
let migrations: Migration[];
const secrets: Record<string, string> = {};

beforeAll(async () => {
  [shared, second, migrations] = await Promise.all([
    createTestDatabase(),
    startSecondServer(),
    loadMigrations(migrationsDir),
  ]);
  secrets.SERVER_B_OWNER = devRoleUrl(second.adminUrl, 'owner', 'postgres');
}, 120_000);
afterAll(async () => {
  await shared?.drop();
  await second?.stop();
});

// Named after the test database, so the harness drops one left on the shared test server.
const databaseName = (slug: string) => `${shared.name}_${slug}`;
const provision = (slug: string, placement: { server?: string; region?: string } = {}) =>
  provisionClinic(
    { slug, name: slug, mode: 'database', ...placement },
    { ownerUrl: shared.ownerUrl, migrations, databaseName, secrets: (name) => secrets[name] },
  );
const register = (server: Parameters<typeof registerDatabaseServer>[1]) =>
  withClient(shared.ownerUrl, (owner) => registerDatabaseServer(owner, server));
const setState = (name: string, state: 'open' | 'draining' | 'closed') =>
  withClient(shared.ownerUrl, (owner) => setDatabaseServerState(owner, name, state));
const secondServerDatabases = async () =>
  (
    await queryRows<{ datname: string }>(
      second.adminUrl,
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1',
      [`${shared.name}_`],
    )
  ).map((row) => row.datname);

describe('placing database-mode clinics on registered database servers', () => {
  it('without any server registered, keeps the database on the shared server', async () => {
    const clinic = await provision('home');
    expect(clinic).toMatchObject({
      databaseUrlRef: `database:${databaseName('home')}`,
      databaseServer: null,
    });
  });

  it('creates and migrates the database on the chosen server, and registers where it is', async () => {
    await register({ name: 'b', urlRef: 'SERVER_B_OWNER', capacity: 3 });
    const clinic = await provision('placed');
    expect(clinic).toMatchObject({
      databaseServer: 'b',
      databaseUrlRef: 'CLINIC_PLACED_DATABASE_URL',
    });
    expect(await secondServerDatabases()).toEqual([databaseName('placed')]);
    const ledger = await queryRows(
      devRoleUrl(second.adminUrl, 'owner', databaseName('placed')),
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    );
    expect(ledger).toHaveLength(migrations.length);
    const [row] = await queryRows(
      shared.ownerUrl,
      "SELECT status, onboarding->>'state' AS state FROM clinics WHERE slug = 'placed'",
    );
    expect(row).toEqual({ status: 'active', state: 'ready' });
  });

  it('picks the open server with the most room, never a draining, closed or full one', async () => {
    await register({ name: 'c', urlRef: 'SERVER_B_OWNER', capacity: 1, region: 'eu' });
    // b: 1 of 3 taken (room 2), c: 0 of 1 (room 1).
    expect((await provision('second')).databaseServer).toBe('b');
    await setState('b', 'draining');
    expect((await provision('third')).databaseServer).toBe('c');
    // c is now full and b draining: nowhere to go, and nothing is registered for it.
    await expect(provision('fourth')).rejects.toThrow('No open database server with room');
    await expect(provision('fifth', { server: 'b' })).rejects.toThrow(
      'Database server b is draining: it takes no new clinic.',
    );
    await expect(provision('sixth', { server: 'c' })).rejects.toThrow('is full (1 clinics)');
    const refused = await queryRows(
      shared.ownerUrl,
      "SELECT slug FROM clinics WHERE slug IN ('fourth', 'fifth', 'sixth')",
    );
    expect(refused).toEqual([]);
    expect(
      (await withClient(shared.ownerUrl, listDatabaseServers)).map((s) => [
        s.name,
        s.state,
        s.clinics,
      ]),
    ).toEqual([
      ['b', 'draining', 2],
      ['c', 'open', 1],
    ]);
  });

  it('honours a region, and an explicit open server', async () => {
    await setState('b', 'open');
    await expect(provision('far-east', { region: 'ap' })).rejects.toThrow(
      'No open database server with room in region ap',
    );
    expect((await provision('explicit', { server: 'b' })).databaseServer).toBe('b');
  });

  it('discards a clinic that never opened on its server, and refuses to without its secret', async () => {
    await withClient(shared.ownerUrl, (owner) =>
      owner.query(
        "UPDATE clinics SET onboarding = jsonb_build_object('state', 'failed') WHERE slug = 'explicit'",
      ),
    );
    await expect(discardClinic('explicit', { ownerUrl: shared.ownerUrl })).rejects.toThrow(
      'SERVER_B_OWNER of database server b is not set',
    );
    expect(await secondServerDatabases()).toContain(databaseName('explicit'));
    await discardClinic('explicit', {
      ownerUrl: shared.ownerUrl,
      databaseName,
      secrets: (name) => secrets[name],
    });
    expect(await secondServerDatabases()).not.toContain(databaseName('explicit'));
    expect(
      await queryRows(shared.ownerUrl, "SELECT 1 FROM clinics WHERE slug = 'explicit'"),
    ).toEqual([]);
  });

  // Five Node processes compiling the script with tsx: more time than the default.
  it(
    'pnpm db:servers adds, drains and lists servers, refusing bad arguments with exit 2',
    { timeout: 240_000 },
    async () => {
      const added = await dbServers([
        'add',
        'd',
        '--url-ref',
        'SERVER_D_OWNER',
        '--capacity',
        '2',
        '--region',
        'us',
      ]);
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(/^d +open +us +0\/2 clinics {2}secret SERVER_D_OWNER$/m);
      const drained = await dbServers(['drain', 'd']);
      expect(drained.code).toBe(0);
      expect(drained.stdout).toMatch(/^d +draining /m);
      expect(
        (await dbServers(['add', 'd', '--url-ref', 'SERVER_D_OWNER', '--capacity', '2'])).code,
      ).toBe(1);
      expect((await dbServers(['add', 'e', '--capacity', 'many'])).code).toBe(2);
      expect((await dbServers(['sink', 'd'])).code).toBe(2);
    },
  );
});

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

function dbServers(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-servers.ts', ...args], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_OWNER_URL: shared.ownerUrl },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}
