import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';
import { checksumOf } from './checksum';
import { loadMigrations } from './load-migrations';
import { MigrationError } from './migration-error';

let dir: string;

async function folder(name: string, sql?: string) {
  await mkdir(path.join(dir, name), { recursive: true });
  if (sql !== undefined) await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

describe('loadMigrations', () => {
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eventora-migrations-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads every folder in name order and ignores files beside them', async () => {
    await folder('20260102000000_second', 'CREATE TABLE b ();\n');
    await folder('20260101000000_first', 'CREATE TABLE a ();\n');
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    expect(await loadMigrations(dir)).toEqual([
      {
        name: '20260101000000_first',
        sql: 'CREATE TABLE a ();\n',
        checksum: checksumOf('CREATE TABLE a ();\n'),
      },
      {
        name: '20260102000000_second',
        sql: 'CREATE TABLE b ();\n',
        checksum: checksumOf('CREATE TABLE b ();\n'),
      },
    ]);
  });

  it('names a folder that has no migration.sql', async () => {
    await folder('20260101000000_empty');
    const loading = loadMigrations(dir);
    await expect(loading).rejects.toBeInstanceOf(MigrationError);
    await expect(loading).rejects.toMatchObject({
      code: 'INVALID_MIGRATION',
      migration: '20260101000000_empty',
      message: expect.stringContaining('20260101000000_empty'),
    });
  });

  it("loads the project's own migrations", async () => {
    const migrations = await loadMigrations(migrationsDir);
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0]!.name).toMatch(/^\d{14}_init$/);
  });
});
