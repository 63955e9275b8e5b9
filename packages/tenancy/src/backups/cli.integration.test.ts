import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedTwoClinics } from '../schema/two-clinics';
import { createTestDatabase, type TestDatabase } from '../testing';

const KEY = 'a test signing key that is long enough to be a secret';
const packageDir = path.resolve(import.meta.dirname, '../..');
let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedTwoClinics(db.ownerUrl);
  dir = await mkdtemp(path.join(tmpdir(), 'eventora-backup-cli-'));
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs tenant:backup as an operator would; never throws on a non-zero exit. */
async function backup(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(packageDir, 'node_modules/.bin/tsx'),
      [path.join(packageDir, 'scripts/tenant-backup.ts'), ...args],
      {
        env: {
          ...process.env,
          DATABASE_OWNER_URL: db.ownerUrl,
          ARCHIVE_SIGNING_KEY: KEY,
          BACKUP_STORE: 'store',
          INIT_CWD: dir,
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('tenant:backup', () => {
  it('backs up into BACKUP_STORE with progress on stderr, lists, prunes and restores; refuses without a store; wrong arguments exit 2', async () => {
    const help = await backup(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pnpm tenant:backup');
    expect((await backup([])).code).toBe(2);
    expect((await backup(['--list', 'clinic-a', '--prune'])).code).toBe(2);
    expect((await backup(['--restore', 'x'])).code).toBe(2);

    const noStore = await backup(['clinic-a', '--json'], { BACKUP_STORE: '' });
    expect(noStore.code).toBe(3);
    expect(JSON.parse(noStore.stdout)).toMatchObject({ ok: false, code: 'STORE_MISSING' });

    const taken = await backup(['clinic-a', '--json']);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toMatch(/backup clinic-a \[#+\] (\d+)\/\1 /);
    const summary = JSON.parse(taken.stdout);
    expect(summary).toMatchObject({ slug: 'clinic-a', store: path.join(dir, 'store') });
    expect(await readdir(path.join(dir, 'store', summary.clinicId))).toEqual([
      path.basename(summary.key),
    ]);

    const listed = await backup(['--list', 'clinic-a']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('clinic-a: 1 backup(s), kept 30 days');
    expect(listed.stdout).toMatch(new RegExp(`${summary.id} .* ${summary.rows} rows .* verified`));
    const listedJson = JSON.parse((await backup(['--list', 'clinic-a', '--json'])).stdout);
    expect(listedJson.backups).toEqual([expect.objectContaining({ id: summary.id })]);

    const pruned = await backup(['--prune', '--json']);
    expect(pruned.code).toBe(0);
    expect(JSON.parse(pruned.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ deleted: [], kept: 1 })]),
    );

    const restored = await backup(['--restore', summary.id, '--as', 'clinic-a-copy', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({
      clinic: { slug: 'clinic-a-copy', status: 'suspended' },
      backup: { id: summary.id },
    });
    const unconfirmed = await backup(['--restore', summary.id, '--replace', 'clinic-a']);
    expect(unconfirmed.code).toBe(3);
    expect(JSON.parse(unconfirmed.stdout)).toMatchObject({ code: 'NOT_CONFIRMED' });
  }, 180_000); // each step starts a tsx process: slow on a loaded 2-core machine
});
