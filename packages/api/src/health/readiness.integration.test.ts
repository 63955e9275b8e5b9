import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';
import { createTestDatabase, type TestDatabase } from '@eventora/tenancy/testing';

import { checkReadiness, livenessResponse, readinessResponse } from './readiness';

describe('readiness', () => {
  let database: TestDatabase;
  let newerBuild: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A build that ships one migration more than the database has.
    newerBuild = await mkdtemp(path.join(tmpdir(), 'eventora-migrations-'));
    await cp(migrationsDir, newerBuild, { recursive: true });
    await mkdir(path.join(newerBuild, '29991231235959_future'));
  });
  afterAll(async () => {
    await rm(newerBuild, { recursive: true, force: true });
    await database?.drop();
  });

  it('is ready as the runtime role with every migration of the build applied', async () => {
    const report = await checkReadiness({ databaseUrl: database.appUrl, migrationsDir });
    expect(report).toMatchObject({
      ready: true,
      checks: {
        database: { ok: true, detail: 'connected as eventora_app' },
        migrations: { ok: true },
        mail: { ok: true },
      },
    });
  });

  it('is not ready when the schema is behind the build, naming both versions', async () => {
    const report = await checkReadiness({
      databaseUrl: database.appUrl,
      migrationsDir: newerBuild,
    });
    expect(report.ready).toBe(false);
    expect(report.checks.migrations).toMatchObject({ ok: false });
    expect(report.checks.migrations!.detail).toMatch(
      /^behind: at \d{14}_\w+, expected 29991231235959_future$/,
    );
  });

  it('is not ready as a role that bypasses row level security', async () => {
    const report = await checkReadiness({ databaseUrl: database.adminUrl, migrationsDir });
    expect(report.checks.database).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/ bypasses row level security$/),
    });
  });

  it('is not ready when the database does not answer or mail has no transport, and says so with a 503', async () => {
    const unreachable = new URL(database.appUrl);
    unreachable.port = '1';
    const response = await readinessResponse(() => ({
      databaseUrl: unreachable.toString(),
      migrationsDir,
      mailProblem: () => 'no mail transport',
    }));
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      checks: Record<string, { ok: boolean; detail: string }>;
    };
    expect(body.checks.database).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^unreachable: /),
    });
    expect(body.checks.mail).toEqual({ ok: false, detail: 'no mail transport' });
    expect(JSON.stringify(body)).not.toContain('eventora-dev-app');
  });

  it('reports a configuration error as a failed check, and liveness needs nothing', async () => {
    const response = await readinessResponse(() => {
      throw new Error('Invalid portal configuration: DATABASE_URL.');
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      checks: {
        configuration: { ok: false, detail: 'Invalid portal configuration: DATABASE_URL.' },
      },
    });
    expect(livenessResponse().status).toBe(200);
  });
});
