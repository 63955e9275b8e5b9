import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

import { GAMMA } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { createTestDatabase } from '@eventora/tenancy/testing';
import type { TestDatabase } from '@eventora/tenancy/testing';

import { migrateAndSeed, openDevDatabase } from './database';
import type { DevDatabase } from './database';

const created: TestDatabase[] = [];
const silent = () => {};

async function freshDatabase(options: { migrated: boolean }): Promise<TestDatabase> {
  const db = await createTestDatabase(options);
  created.push(db);
  return db;
}

function external(db: TestDatabase): DevDatabase {
  return { appUrl: db.appUrl, ownerUrl: db.ownerUrl, description: db.name, stop: async () => {} };
}

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function withOwner<T>(db: TestDatabase, work: (owner: pg.Client) => Promise<T>): Promise<T> {
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    return await work(owner);
  } finally {
    await owner.end();
  }
}

afterAll(async () => {
  await Promise.all(created.map((db) => db.drop()));
});

describe('pnpm dev on an existing server', () => {
  it('migrates an empty database and seeds it, then leaves it alone on the next start', async () => {
    const db = await freshDatabase({ migrated: false });
    expect(await migrateAndSeed(external(db), silent)).toEqual({ seeded: true });
    expect(await count(db.adminUrl, 'clinics')).toBe(3);
    // Gamma's own accounts plus the regulars its lively demo schedule books.
    expect(await count(db.adminUrl, 'clinic_gamma.users')).toBe(
      GAMMA.users.length + (GAMMA.regulars?.length ?? 0),
    );
    const lines: string[] = [];
    expect(await migrateAndSeed(external(db), (line) => lines.push(line))).toEqual({
      seeded: false,
    });
    expect(await count(db.adminUrl, 'clinics')).toBe(3);
    // The next start checks gamma's schema too, after the shared one.
    expect(lines.filter((line) => line.includes('up to date'))).toEqual([
      expect.stringMatching(/^\[shared\] /),
      expect.stringMatching(/^\[clinic gamma\] /),
    ]);
  });

  it('migrates every schema-mode clinic of the registry, the shared schema first', async () => {
    const db = await freshDatabase({ migrated: true });
    await withOwner(db, (owner) =>
      owner.query(
        "INSERT INTO clinics (id, slug, name, mode, schema_name) VALUES (gen_random_uuid(), 'delta', 'Delta', 'schema', 'clinic_delta')",
      ),
    );
    const lines: string[] = [];
    expect(await migrateAndSeed(external(db), (line) => lines.push(line))).toEqual({
      seeded: false,
    });
    const migrations = await loadMigrations(migrationsDir);
    expect(await count(db.adminUrl, 'clinic_delta._prisma_migrations')).toBe(migrations.length);
    expect(lines.findIndex((line) => line.startsWith('[shared]'))).toBeLessThan(
      lines.findIndex((line) => line.startsWith('[clinic delta]')),
    );
  });

  it('stops on a migration edited after it was applied, and says the embedded data can go', async () => {
    const db = await freshDatabase({ migrated: true });
    await withOwner(db, (owner) =>
      owner.query("UPDATE _prisma_migrations SET checksum = repeat('0', 64)"),
    );
    const embedded = { ...external(db), embeddedDataDir: '/tmp/eventora-dev-data' };
    await expect(migrateAndSeed(embedded, silent)).rejects.toThrow(
      /changed after being applied[\s\S]*delete \/tmp\/eventora-dev-data and start again/,
    );
    await expect(migrateAndSeed(external(db), silent)).rejects.toThrow(
      /^Migrating shared failed: (?![\s\S]*disposable)/,
    );
  });

  it('never seeds a database that already has clinics', async () => {
    const db = await freshDatabase({ migrated: true });
    await withOwner(db, (owner) =>
      owner.query(
        "INSERT INTO clinics (id, slug, name) VALUES (gen_random_uuid(), 'real', 'A real clinic')",
      ),
    );
    expect(await migrateAndSeed(external(db), silent)).toEqual({ seeded: false });
    expect(await count(db.adminUrl, 'clinics')).toBe(1);
    expect(await count(db.adminUrl, 'platform_operators')).toBe(0);
  });

  it('refuses a DATABASE_URL that bypasses row level security, and a missing owner URL', async () => {
    const db = await freshDatabase({ migrated: true });
    const config = { embeddedPort: 0, ownerUrl: db.ownerUrl, platformUrl: db.platformUrl };
    await expect(
      openDevDatabase({ ...config, databaseUrl: db.adminUrl }, '/', silent),
    ).rejects.toThrow(/bypasses row level security/);
    await expect(
      openDevDatabase({ embeddedPort: 0, databaseUrl: db.appUrl }, '/', silent),
    ).rejects.toThrow(/DATABASE_OWNER_URL is not/);
    const opened = await openDevDatabase({ ...config, databaseUrl: db.appUrl }, '/', silent);
    expect(opened).toMatchObject({
      appUrl: db.appUrl,
      ownerUrl: db.ownerUrl,
      platformUrl: db.platformUrl,
    });
  });
});
