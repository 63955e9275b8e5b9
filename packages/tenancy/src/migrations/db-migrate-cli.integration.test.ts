import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';
import { createOwnedDatabase } from '@eventora/db/roles';

import {
  createTestDatabase,
  startSecondServer,
  type SecondServer,
  type TestDatabase,
} from '../testing';
import { withClient } from '../with-client';
import { queryRows } from '../testing/with-client';
import { loadMigrations } from './load-migrations';
import type { FleetReport } from './migrate-fleet';

// `pnpm db:migrate` as an operator runs it, over a deployment of three modes on two servers:
// the shared schema, four schema clinics, a database clinic on the shared server and one on a
// second server, reached through its NAME_OWNER secret.

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

let db: TestDatabase;
let far: SecondServer;
let farOwnerUrl: string;
let nearDatabase: string;
let stateDir: string;
let migrationCount: number;

beforeAll(async () => {
  [db, far, stateDir] = await Promise.all([
    createTestDatabase(),
    startSecondServer(),
    mkdtemp(path.join(tmpdir(), 'db-migrate-')),
  ]);
  migrationCount = (await loadMigrations(migrationsDir)).length;
  farOwnerUrl = await far.createDatabase('eventora_clinic_far');
  // Named after the test database, so the harness drops it with the run's databases.
  nearDatabase = `${db.name}_near`;
  await withClient(db.adminUrl, (admin) => createOwnedDatabase(admin, nearDatabase));
  await withClient(db.ownerUrl, (owner) =>
    owner.query(
      `INSERT INTO clinics (id, slug, name, mode, schema_name, database_url_ref) VALUES
         (gen_random_uuid(), 'alpha', 'Alpha', 'schema', 'clinic_alpha', NULL),
         (gen_random_uuid(), 'bravo', 'Bravo', 'schema', 'clinic_bravo', NULL),
         (gen_random_uuid(), 'charlie', 'Charlie', 'schema', 'clinic_charlie', NULL),
         (gen_random_uuid(), 'delta', 'Delta', 'schema', 'clinic_delta', NULL),
         (gen_random_uuid(), 'near', 'Near', 'database', NULL, $1),
         (gen_random_uuid(), 'far', 'Far', 'database', NULL, 'CLINIC_FAR_DATABASE_URL')`,
      [`database:${nearDatabase}`],
    ),
  );
}, 120_000);
afterAll(async () => {
  await db?.drop();
  await far?.stop();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], {
      cwd: packageDir,
      env: {
        ...process.env,
        DATABASE_OWNER_URL: db.ownerUrl,
        CLINIC_FAR_DATABASE_URL_OWNER: farOwnerUrl,
        INIT_CWD: stateDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const statuses = (report: FleetReport) =>
  Object.fromEntries(report.targets.map((target) => [target.label, target.status]));

/** How many migrations a target's ledger holds (0 when it has none). */
async function appliedCount(url: string, schema: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    url,
    `SELECT CASE WHEN to_regclass($1) IS NULL THEN 0
            ELSE (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %s', $1), false, true, '')))[1]::text::int
            END AS count`,
    [`"${schema}"."_prisma_migrations"`],
  );
  return row!.count;
}

// Each case starts several Node processes that compile the script with tsx: slow on a loaded
// 2-core machine, hence more time than the default per case.
describe('pnpm db:migrate over a fleet', { timeout: 240_000 }, () => {
  it('answers --help and refuses bad arguments and an unresolvable clinic with exit 2, migrating nothing', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect((await cli(['--concurrency', '0'])).code).toBe(2);
    expect((await cli(['--clinic', 'alpha', '--schema', 'clinic_alpha'])).code).toBe(2);
    expect((await cli(['--clinic', 'nobody'])).code).toBe(2);

    const unresolved = await cli([], { CLINIC_FAR_DATABASE_URL_OWNER: undefined });
    expect(unresolved.code).toBe(2);
    expect(unresolved.stderr).toContain('clinic far: the owner URL secret');
    expect(await appliedCount(db.ownerUrl, 'clinic_alpha')).toBe(0);
    const resumeWithoutState = await cli(['--resume']);
    expect(resumeWithoutState.code).toBe(2);
    expect(resumeWithoutState.stderr).toContain('cannot read the state file');
  });

  it('stops at a failing target in the middle, then --resume finishes the rest without redoing what finished', async () => {
    // Bravo's schema already holds a `users` table: the first migration fails there.
    await queryRows(
      db.ownerUrl,
      'CREATE SCHEMA clinic_bravo; CREATE TABLE clinic_bravo.users (x int)',
    );
    const first = await cli(['--concurrency', '1', '--json']);
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout) as FleetReport;
    expect(report.canary).toBe('shared');
    expect(statuses(report)).toEqual({
      shared: 'current',
      'clinic alpha': 'applied',
      'clinic bravo': 'failed',
      'clinic charlie': 'not_attempted',
      'clinic delta': 'not_attempted',
      'clinic near': 'not_attempted',
      // The second server's own worker started it before bravo failed.
      'clinic far': 'applied',
    });
    expect(report.targets.find((target) => target.label === 'clinic bravo')).toMatchObject({
      migration: '20261127000000_init',
      error: expect.stringContaining('relation "users" already exists'),
    });
    expect(report.servers.map((server) => server.server).sort()).toEqual(
      [new URL(db.ownerUrl).host, new URL(farOwnerUrl).host].sort(),
    );
    // A progress line per target that ran, on stderr; the state file holds the same report.
    expect(first.stderr).toMatch(/\[1\/7\] current +shared /);
    expect(first.stderr).toMatch(/FAILED 20261127000000_init: .*"users" already exists/);
    expect(first.stderr).toContain('db:migrate: STOPPED');
    const state = JSON.parse(
      await readFile(path.join(stateDir, '.eventora/db-migrate-run.json'), 'utf8'),
    ) as FleetReport;
    expect(statuses(state)).toEqual(statuses(report));
    expect(await appliedCount(db.ownerUrl, 'clinic_alpha')).toBe(migrationCount);
    expect(await appliedCount(farOwnerUrl, 'public')).toBe(migrationCount);
    expect(await appliedCount(db.ownerUrl, 'clinic_charlie')).toBe(0);
    expect(await appliedCount(db.adminUrl.replace(db.name, nearDatabase), 'public')).toBe(0);

    await queryRows(db.ownerUrl, 'DROP TABLE clinic_bravo.users');
    const resumed = await cli(['--resume', '--json', '--concurrency', '2']);
    expect(resumed.code).toBe(0);
    const second = JSON.parse(resumed.stdout) as FleetReport;
    expect(statuses(second)).toEqual({
      shared: 'done_before',
      'clinic alpha': 'done_before',
      'clinic bravo': 'applied',
      'clinic charlie': 'applied',
      'clinic delta': 'applied',
      'clinic near': 'applied',
      'clinic far': 'done_before',
    });
    expect(second.canary).toBe('clinic bravo');
    expect(resumed.stderr).toMatch(/resuming \(3 finished before\)/);

    const status = await cli(['--status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`clinic near: ${migrationCount} applied, up to date`);
    expect(status.stdout).toContain(`clinic far: ${migrationCount} applied, up to date`);
  });

  it('targets one clinic with --clinic and one schema with --schema', async () => {
    const one = await cli(['--clinic', 'far', '--json']);
    expect(one.code).toBe(0);
    expect(statuses(JSON.parse(one.stdout) as FleetReport)).toEqual({ 'clinic far': 'current' });
    const schema = await cli(['--schema', 'clinic_delta', '--json']);
    expect(schema.code).toBe(0);
    expect(statuses(JSON.parse(schema.stdout) as FleetReport)).toEqual({
      'clinic delta': 'current',
    });
  });

  it("reads the schema clinics' ledgers in bulk on a no-op run, and still fails a clinic whose applied migration changed", async () => {
    const noop = await cli(['--json']);
    expect(noop.code).toBe(0);
    const report = JSON.parse(noop.stdout) as FleetReport;
    const bulk = report.targets.filter((target) => target.checkedInBulk).map((t) => t.label);
    expect(bulk.sort()).toEqual(['clinic alpha', 'clinic bravo', 'clinic charlie', 'clinic delta']);
    expect(noop.stderr).toMatch(/current +clinic alpha \(.*\) ledger read in bulk — up to date/);

    const [first] = await queryRows<{ migration_name: string; checksum: string }>(
      db.ownerUrl,
      'SELECT migration_name, checksum FROM clinic_charlie._prisma_migrations ORDER BY migration_name LIMIT 1',
    );
    await queryRows(
      db.ownerUrl,
      `UPDATE clinic_charlie._prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`,
      [first!.migration_name],
    );
    try {
      const changed = await cli(['--json']);
      expect(changed.code).toBe(1);
      const after = JSON.parse(changed.stdout) as FleetReport;
      expect(statuses(after)['clinic charlie']).toBe('failed');
      expect(changed.stderr).toMatch(
        /failed +clinic charlie .*FAILED .*changed after being applied/,
      );
    } finally {
      await queryRows(
        db.ownerUrl,
        'UPDATE clinic_charlie._prisma_migrations SET checksum = $2 WHERE migration_name = $1',
        [first!.migration_name, first!.checksum],
      );
    }
  });
});
