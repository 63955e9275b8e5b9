import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createOwnedDatabase } from '@eventora/db/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createTestDatabase,
  startSecondServer,
  type SecondServer,
  type TestDatabase,
} from '../testing';
import { withClient } from '../with-client';
import { clinicRoleName } from './clinic-role';

// `pnpm tenant:db-role` as an operator runs it, for a clinic database on the shared server and
// one on a second server.

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const run = randomBytes(3).toString('hex');
const near = `c${run}-near`;
const far = `c${run}-far`;

let shared: TestDatabase;
let second: SecondServer;
let farOwnerUrl: string;

beforeAll(async () => {
  [shared, second] = await Promise.all([createTestDatabase(), startSecondServer()]);
  await withClient(shared.adminUrl, (admin) => createOwnedDatabase(admin, clinicRoleName(near)));
  farOwnerUrl = await second.createDatabase(clinicRoleName(far));
  await withClient(shared.ownerUrl, (owner) =>
    owner.query(
      `INSERT INTO clinics (id, slug, name, mode, database_url_ref) VALUES
         (gen_random_uuid(), $1, 'Near', 'database', $2),
         (gen_random_uuid(), $3, 'Far', 'database', 'FAR_DATABASE_URL')`,
      [near, `database:${clinicRoleName(near)}`, far],
    ),
  );
}, 120_000);
afterAll(async () => {
  await withClient(shared.adminUrl, async (admin) => {
    await admin.query(
      `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(clinicRoleName(near))} WITH (FORCE)`,
    );
    for (const name of [
      `${clinicRoleName(near)}_a`,
      `${clinicRoleName(near)}_b`,
      clinicRoleName(near),
    ])
      await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(name)}`);
  }).catch(() => undefined);
  await shared?.drop();
  await second?.stop();
});

const secretName = (slug: string) =>
  `CLINIC_${slug.toUpperCase().replaceAll('-', '_')}_DB_PASSWORD`;

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/tenant-db-role.ts', ...args],
      {
        cwd: packageDir,
        env: {
          ...process.env,
          DATABASE_OWNER_URL: shared.ownerUrl,
          DATABASE_ADMIN_URL: shared.adminUrl,
          FAR_DATABASE_URL_OWNER: farOwnerUrl,
          FAR_DATABASE_URL_ADMIN: second.adminUrl,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function roleUrl(serverUrl: string, slug: string, password: string, login = 'a'): string {
  const url = new URL(serverUrl);
  url.username = `${clinicRoleName(slug)}_${login}`;
  url.password = password;
  url.pathname = `/${clinicRoleName(slug)}`;
  return url.toString();
}
const whoAmI = (url: string) =>
  withClient(url, async (client) => (await client.query('SELECT current_user AS u')).rows[0]);

// Each case starts several Node processes that compile the script with tsx: slow on a loaded
// 2-core machine, hence more time than the default per case.
describe('pnpm tenant:db-role', { timeout: 240_000 }, () => {
  it('refuses, changing nothing, without the password secret or for a clinic that has no database', async () => {
    const missing = await cli([near]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`The secret ${secretName(near)} is not set`);
    expect((await cli(['nobody'], { [secretName('nobody')]: 'x' })).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('creates each clinic role on its own server, rotates it from the secret without downtime, and retires the old login', async () => {
    const nearRun = await cli([near], { [secretName(near)]: 'near-1' });
    expect(nearRun.code).toBe(0);
    expect(nearRun.stdout).toContain(`created ${clinicRoleName(near)}`);
    const farRun = await cli([far], { [secretName(far)]: 'far-1' });
    expect(farRun.code).toBe(0);
    expect(farRun.stdout).toContain(`its live login role is ${clinicRoleName(far)}_a`);
    expect(farRun.stdout).toContain(
      'every clinic role of this server reaches its own database only',
    );
    expect(await whoAmI(roleUrl(second.adminUrl, far, 'far-1'))).toEqual({ u: 'eventora_app' });

    const rotated = await cli([far, '--rotate', '--grace-minutes', '5'], {
      [secretName(far)]: 'far-2',
    });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain(`with the user ${clinicRoleName(far)}_b`);
    // Both work during the grace: the old URL for processes that have not reloaded yet.
    expect(await whoAmI(roleUrl(second.adminUrl, far, 'far-1'))).toEqual({ u: 'eventora_app' });
    expect(await whoAmI(roleUrl(second.adminUrl, far, 'far-2', 'b'))).toEqual({
      u: 'eventora_app',
    });
    // A second rotation inside the grace is refused.
    expect((await cli([far, '--rotate'], { [secretName(far)]: 'far-3' })).code).toBe(1);

    const retired = await cli([far, '--retire', '--now']);
    expect(retired.code).toBe(0);
    expect(retired.stdout).toContain(`retired ${clinicRoleName(far)}_a`);
    await expect(whoAmI(roleUrl(second.adminUrl, far, 'far-1'))).rejects.toThrow(
      /not permitted to log in|password authentication failed/,
    );
    expect(await whoAmI(roleUrl(second.adminUrl, far, 'far-2', 'b'))).toEqual({
      u: 'eventora_app',
    });
  });
});
