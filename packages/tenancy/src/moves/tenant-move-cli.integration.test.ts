import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing';
import { queryRows } from '../testing/with-client';
import { rawAsRuntime, seedMoveClinics, type MoveClinic } from './move-fixtures';

// The CLI as an operator runs it, in a child process, killed with SIGKILL at chosen moments.

const packageDir = fileURLToPath(new URL('../..', import.meta.url));

let db: TestDatabase;
let clinics: Record<'a' | 'b' | 'c', MoveClinic>;

beforeAll(async () => {
  db = await createTestDatabase();
  clinics = await seedMoveClinics(db, 3_000);
});
afterAll(() => db?.drop());

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `killWhen`, SIGKILLs it the moment its stderr matches. */
function cli(args: string[], killWhen?: RegExp): Promise<Run> {
  return new Promise((resolve) => {
    // One process (tsx's own binary would run the script in a child that outlives a SIGKILL).
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/tenant-move.ts', ...args], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_OWNER_URL: db.ownerUrl, DATABASE_URL: db.appUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killWhen?.test(stderr)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const status = async (clinic: MoveClinic) =>
  (
    await queryRows<{ status: string; mode: string }>(
      db.ownerUrl,
      'SELECT status, mode FROM clinics WHERE id = $1',
      [clinic.id],
    )
  )[0];

describe('pnpm tenant:move', () => {
  it('answers --help, and exit code 2 for bad arguments, 3 for a refusal, 5 unconfirmed', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect((await cli(['clinic-a', '--to', 'moon'])).code).toBe(2);
    const refused = await cli(['clinic-a', '--to', 'shared', '--yes']);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout.trim())).toMatchObject({ code: 'ALREADY_THERE', exitCode: 3 });
    expect((await cli(['clinic-a', '--to', 'schema'])).code).toBe(5);
    const plan = await cli(['clinic-a', '--to', 'schema', '--dry-run']);
    expect(plan.code).toBe(0);
    expect(plan.stderr).toMatch(/reservations\s+3001 rows/);
    expect(JSON.parse(plan.stdout.trim())).toMatchObject({
      dryRun: true,
      plan: { totalRows: expect.any(Number) },
    });
  });

  it('killed with SIGKILL during the copy and again while frozen, finishes with --resume; --cleanup --force removes the source inside the window', async () => {
    const midCopy = await cli(
      ['clinic-a', '--to', 'schema', '--yes'],
      /step catch_up|reservations .*rows\/s/,
    );
    expect(midCopy.signal, midCopy.stderr).toBe('SIGKILL');

    const frozen = await cli(['clinic-a', '--resume'], /writes frozen at/);
    expect(frozen.signal, frozen.stderr).toBe('SIGKILL');
    // Killed while frozen: it stays frozen, never writable on two sides.
    expect(await status(clinics.a)).toEqual({ status: 'frozen', mode: 'shared' });

    const resumed = await cli(['clinic-a', '--resume']);
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout.trim());
    expect(summary).toMatchObject({
      state: 'done',
      step: 'retained',
      to: 'schema clinic_clinic_a',
    });
    expect(await status(clinics.a)).toEqual({ status: 'active', mode: 'schema' });

    // Inside the rollback window the clean-up is refused, unless forced.
    expect((await cli(['clinic-a', '--force', '--yes'])).code).toBe(2);
    const early = await cli(['clinic-a', '--cleanup', '--yes']);
    expect(early.code).toBe(3);
    expect(JSON.parse(early.stdout.trim())).toMatchObject({ code: 'CLEANUP_REFUSED' });
    const retainedBranches = () =>
      rawAsRuntime(db.appUrl, 'public', clinics.a.id, async (sql) =>
        Number((await sql.query('SELECT count(*) AS n FROM branches')).rows[0].n),
      );
    expect(await retainedBranches()).toBeGreaterThan(0);
    const forced = await cli(['clinic-a', '--cleanup', '--force', '--yes']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout.trim())).toMatchObject({ step: 'cleaned_up' });
    expect(await retainedBranches()).toBe(0);
    // Seven CLI processes, each starting Node and tsx: well over the default minute under load.
  }, 240_000);
});
