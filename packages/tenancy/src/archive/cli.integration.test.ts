import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
  dir = await mkdtemp(path.join(tmpdir(), 'eventora-cli-'));
});
afterAll(async () => {
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs one of the tenant:* scripts as an operator would; never throws on a non-zero exit. */
async function cli(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(packageDir, 'node_modules/.bin/tsx'),
      [path.join(packageDir, 'scripts', script), ...args],
      {
        env: {
          ...process.env,
          DATABASE_OWNER_URL: db.ownerUrl,
          ARCHIVE_SIGNING_KEY: KEY,
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

describe('tenant:export and tenant:restore', () => {
  it('--help, wrong arguments, an export with progress on stderr and JSON on stdout, a refused restore', async () => {
    const help = await cli('tenant-export.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pnpm tenant:export');
    expect((await cli('tenant-restore.ts', ['x.tar'])).code).toBe(2);

    const exported = await cli('tenant-export.ts', ['clinic-a', '--out', 'a.tar']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/export clinic-a \[#+\] (\d+)\/\1 /);
    const summary = JSON.parse(exported.stdout);
    expect(summary).toMatchObject({ file: path.join(dir, 'a.tar'), clinic: { slug: 'clinic-a' } });

    const bytes = await readFile(path.join(dir, 'a.tar'));
    bytes[bytes.length - 2000] = bytes[bytes.length - 2000]! ^ 0xff;
    await writeFile(path.join(dir, 'bad.tar'), bytes);
    const refused = await cli('tenant-restore.ts', [
      'bad.tar',
      '--as',
      `copy-${randomBytes(2).toString('hex')}`,
    ]);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      code: expect.stringMatching(/FILE_CHANGED|NOT_AN_ARCHIVE/),
    });

    const unsigned = await cli('tenant-export.ts', ['clinic-a'], { ARCHIVE_SIGNING_KEY: '' });
    expect(unsigned.code).toBe(3);
    expect(JSON.parse(unsigned.stdout)).toMatchObject({ code: 'KEY_MISSING' });

    const replace = await cli('tenant-restore.ts', ['a.tar', '--replace', 'clinic-a']);
    expect(replace.code).toBe(3);
    expect(JSON.parse(replace.stdout)).toMatchObject({ code: 'NOT_CONFIRMED' });
  }, 180_000); // each step starts a tsx process: slow on a loaded 2-core machine
});
