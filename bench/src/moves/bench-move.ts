// pnpm bench:move [--json] [--rows N] [--clinics N] [--only schema|database|shared] [--gentle]
//
// --only DIRECTION runs one leg of the chain shared → schema → database → shared (the legs before
// it run unmeasured, to put the clinic where that leg starts) and skips the baseline. The step
// log on stderr says where each big table's copy goes (load, each index rebuild, ANALYZE, the
// bucket hashing of both sides), and the other clinics' p99 in each phase. --gentle moves with
// MoveOptions.gentle (one piece of server work at a time during the copy).
//
// One clinic with N reservations (default 1,000,000, with matching clients, packages and audit
// rows) in the shared schema beside (clinics - 1) others. Measured in one run, on one server:
//
// - baseline (the seed's plan as written): freeze, COPY each table out and in, verify, flip —
//   the clinic is frozen for the whole copy;
// - the move engine: shared → schema, schema → database, database → shared, each with a steady
//   write load on the moving clinic and on three others.
//
// Reported per run: total seconds, rows/s, freeze window, verification time, and the other
// clinics' write latency p50/p99 during the run ÷ idle. "Idle" is measured right before each
// run with the same writers (the moving clinic's and the three others'), so a ratio compares
// like with like even when the machine's load drifts. The writers run in a child process
// (writers.ts), as another clinic's requests would in production, where the move is a process
// of its own (`pnpm tenant:move`): their latency is the server's and the machine's, not this
// process's event loop busy with the move. Not a test: numbers for docs/performance.md. Out of
// CI.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEV_ROLE_PASSWORDS, devRoleUrl } from '@eventora/db/dev';
import { migrationsDir } from '@eventora/db/migrations';
import { bootstrapRoles, createOwnedDatabase } from '@eventora/db/roles';
import { loadMigrations, migrateTarget } from '@eventora/tenancy/migrations';
import {
  freezeRows,
  startMove,
  unfreezeRows,
  type MoveOptions,
  type MoveRecord,
} from '@eventora/tenancy/moves';
import { clinicFingerprint, copyableColumns, listTenantTables } from '@eventora/tenancy/tables';

import { openBenchServer } from '../tenancy/server';
import { percentile } from '../tenancy/stats';
import { withClient } from '@eventora/tenancy/with-client';
import type { WritersMessage, WritersStart } from './writers';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rows: { type: 'string', default: '1000000' },
    clinics: { type: 'string', default: '1000' },
    only: { type: 'string' },
    gentle: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const DIRECTIONS = ['schema', 'database', 'shared'] as const;
type Direction = (typeof DIRECTIONS)[number];

if (args.help) {
  process.stdout.write(
    'pnpm bench:move [--json] [--rows N] [--clinics N] [--only schema|database|shared]\n' +
      '  --rows N     reservations of the moving clinic (default 1000000)\n' +
      '  --clinics N  clinics in the shared schema, the moving one included (default 1000)\n' +
      '  --only D     measure only the move to D (schema: from shared; database: from schema;\n' +
      '               shared: from database); earlier legs run unmeasured; no baseline\n' +
      '  --gentle     moves with MoveOptions.gentle: one piece of server work at a time\n' +
      '  --json       one JSON report on stdout\n',
  );
  process.exit(0);
}
if (args.only !== undefined && !DIRECTIONS.includes(args.only as Direction)) {
  console.error(`--only must be one of ${DIRECTIONS.join(', ')}`);
  process.exit(2);
}
const only = args.only as Direction | undefined;

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Clinic {
  id: string;
  slug: string;
  userId: string;
  therapistId: string;
  branchId: string;
}

async function main(): Promise<void> {
  const rows = Number(args.rows);
  const clinicCount = Number(args.clinics);
  const server = await openBenchServer(log);
  const name = 'eventora_bench_move';
  try {
    await withClient(server.adminUrl, async (admin) => {
      await bootstrapRoles(admin, DEV_ROLE_PASSWORDS);
      for (const db of [name, `${name}_clinic`]) {
        await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      }
      await createOwnedDatabase(admin, name);
    });
    const ownerUrl = devRoleUrl(server.adminUrl, 'owner', name);
    const appUrl = devRoleUrl(server.adminUrl, 'app', name);
    const migrations = await loadMigrations(migrationsDir);
    await migrateTarget({ label: 'bench', connectionString: ownerUrl }, migrations);
    log(`seeding ${clinicCount} clinics, one with ${rows} reservations…`);
    const seedStarted = Date.now();
    const clinics = await seed(ownerUrl, clinicCount, rows);
    log(`seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    const [big, ...others] = clinics;
    const options: MoveOptions = {
      ownerUrl,
      appUrl,
      migrations,
      gentle: args.gentle,
      onEvent: (event) => {
        const at = new Date().toISOString().slice(11, 23);
        if (event.type === 'step') {
          log(`  ${at} ${event.step}`);
          marks.push({ at: Date.now(), label: `${event.step} begins` });
        }
        if ((event.type === 'table-phase' || event.type === 'hashed') && event.ms >= 1_000) {
          const what = event.type === 'hashed' ? `${event.side} hash` : event.phase;
          marks.push({ at: Date.now(), label: `${event.table} ${what} ends` });
        }
        if (event.type === 'table-done' && event.rows >= 1_000) {
          log(`  ${at}   ${event.table}: ${event.rows} rows in ${(event.ms / 1000).toFixed(1)} s`);
        }
        if (event.type === 'table-phase') {
          const what = event.detail ? `${event.phase} ${event.detail}` : event.phase;
          log(`  ${at}     ${event.table} ${what}: ${(event.ms / 1000).toFixed(2)} s`);
        }
        if (event.type === 'hashed') {
          log(`  ${at}     ${event.side} hash ${event.table}: ${(event.ms / 1000).toFixed(2)} s`);
        }
      },
    };
    const load = others.slice(0, 3);
    const writers = [big!, ...load];

    const baselineIdle = only ? [] : await measureWrites(appUrl, writers);
    const baseline = only
      ? undefined
      : await withLoad(appUrl, writers, () => naiveMove(ownerUrl, big!, 'clinic_big_naive'));
    const runs = [];
    for (const [to, ref] of [
      ['schema', undefined],
      ['database', `database:${name}_clinic`],
      ['shared', undefined],
    ] as const) {
      const request = {
        slug: big!.slug,
        to,
        databaseUrlRef: ref,
        actor: 'bench',
        reason: 'bench:move',
      };
      if (only && DIRECTIONS.indexOf(to) < DIRECTIONS.indexOf(only)) {
        log(`move → ${to} (unmeasured, to reach the leg asked for)`);
        await startMove(request, { ...options, onEvent: undefined });
        continue;
      }
      if (only && to !== only) break;
      log(`move → ${to}`);
      const idle = await measureWrites(appUrl, writers);
      const started = Date.now();
      marks.length = 0;
      marks.push({ at: started, label: 'start' });
      const result = await withLoad(appUrl, writers, () => startMove(request, options));
      const seconds = (Date.now() - started) / 1000;
      logByPhase(result.othersAt, result.others, idle);
      runs.push(
        summarize(
          `${result.value.from.mode} → ${to}`,
          seconds,
          result.value,
          result.others,
          idle,
          rows,
        ),
      );
    }
    const report = {
      machine: { server: server.description },
      rows,
      clinics: clinicCount,
      baseline: baseline && {
        name: 'baseline: freeze, copy, verify, flip (frozen throughout)',
        seconds: round(baseline.value.seconds),
        freezeSeconds: round(baseline.value.seconds),
        rowsPerSecond: Math.round(rows / baseline.value.seconds),
        ...latency(baseline.others, baselineIdle),
      },
      runs,
    };
    if (args.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else console.table(report.baseline ? [report.baseline, ...runs] : runs);
  } finally {
    await server.stop();
  }
}

function summarize(
  direction: string,
  seconds: number,
  move: MoveRecord,
  others: number[],
  idle: number[],
  rows: number,
) {
  const freezeMs = Number(move.timings.freezeMs ?? 0);
  return {
    name: direction,
    seconds: round(seconds),
    freezeSeconds: round(freezeMs / 1000),
    verifySeconds: round(Number(move.timings.verifyMs ?? 0) / 1000),
    earlyVerifySeconds: round(Number(move.timings.earlyVerifyMs ?? 0) / 1000),
    rehashedBuckets: Number(move.timings.rehashedBuckets ?? 0),
    rowsPerSecond: Math.round(rows / seconds),
    ...latency(others, idle),
  };
}

/** The other clinics' write latency during a run against the idle window just before it. */
function latency(during: number[], idle: number[]) {
  return {
    idleP50Ms: round(percentile(idle, 50)),
    idleP99Ms: round(percentile(idle, 99)),
    othersP50VsIdle: round(percentile(during, 50) / percentile(idle, 50)),
    othersP99VsIdle: round(percentile(during, 99) / percentile(idle, 99)),
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Clinics with a client, a therapist and a branch each; the first one with `rows` bookings. */
async function seed(ownerUrl: string, count: number, rows: number): Promise<Clinic[]> {
  return withClient(ownerUrl, async (owner) => {
    const clinics: Clinic[] = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      slug: i === 0 ? 'big' : `clinic-${i}`,
      userId: randomUUID(),
      therapistId: randomUUID(),
      branchId: randomUUID(),
    }));
    for (const clinic of clinics) {
      await owner.query('INSERT INTO clinics (id, slug, name) VALUES ($1, $2, $2)', [
        clinic.id,
        clinic.slug,
      ]);
      await owner.query('BEGIN');
      await owner.query("SELECT set_config('app.current_tenant', $1, true)", [clinic.id]);
      await owner.query(
        "INSERT INTO users (clinic_id, id, email, name) VALUES ($1, $2, 'c@x.test', 'C')",
        [clinic.id, clinic.userId],
      );
      await owner.query(
        "INSERT INTO branches (clinic_id, id, name, timezone) VALUES ($1, $2, 'Main', 'UTC')",
        [clinic.id, clinic.branchId],
      );
      await owner.query("INSERT INTO therapists (clinic_id, id, name) VALUES ($1, $2, 'T')", [
        clinic.id,
        clinic.therapistId,
      ]);
      await owner.query('COMMIT');
    }
    const big = clinics[0]!;
    await owner.query('BEGIN');
    await owner.query("SELECT set_config('app.current_tenant', $1, true)", [big.id]);
    await owner.query(
      `INSERT INTO users (clinic_id, id, email, name)
       SELECT $1, gen_random_uuid(), 'client' || i || '@big.test', 'Client ' || i FROM generate_series(1, $2::int / 20) i`,
      [big.id, rows],
    );
    await owner.query(
      `INSERT INTO packages (clinic_id, id, name, sessions_included, price_cents, currency, validity_days)
       SELECT $1, gen_random_uuid(), 'Package ' || i, 5, 50000, 'usd', 90 FROM generate_series(1, 20) i`,
      [big.id],
    );
    await owner.query(
      `INSERT INTO reservations (clinic_id, id, client_id, therapist_id, branch_id, starts_at, ends_at, status)
       SELECT $1, gen_random_uuid(), $2, $3, $4,
              timestamptz '2000-01-01 00:00Z' + make_interval(hours => i),
              timestamptz '2000-01-01 00:00Z' + make_interval(hours => i) + interval '50 minutes', 'completed'
         FROM generate_series(1, $5::int) i`,
      [big.id, big.userId, big.therapistId, big.branchId, rows],
    );
    await owner.query(
      `INSERT INTO audit_logs (clinic_id, id, actor_type, action)
       SELECT $1, gen_random_uuid(), 'system', 'bench.seed' FROM generate_series(1, 200) i`,
      [big.id],
    );
    await owner.query('COMMIT');
    await owner.query('ANALYZE');
    return clinics;
  });
}

/**
 * Runs `work` while writers book at each clinic, from a process of their own (`writers.ts`);
 * the latencies of all but the first clinic's writer.
 */
async function withLoad<T>(appUrl: string, clinics: Clinic[], work: () => Promise<T>) {
  const start: WritersStart = { appUrl, clinics, firstSlot: nextSlot };
  const child = fork(
    fileURLToPath(new URL('./writers.ts', import.meta.url)),
    [JSON.stringify(start)],
    {
      execArgv: ['--import', 'tsx'],
    },
  );
  const messages = (type: WritersMessage['type']) =>
    new Promise<WritersMessage>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the writers exited (${code})`)));
      child.on('message', (message: WritersMessage) => {
        if (message.type === type) resolve(message);
      });
    });
  const ready = messages('ready');
  const samples = messages('samples');
  await ready;
  try {
    const value = await work();
    const { latencies, startedAt } = await stop(samples);
    return {
      value,
      others: latencies.slice(1).flat(),
      othersAt: startedAt.slice(1).flat(),
    };
  } catch (error) {
    await stop(samples).catch(() => undefined);
    throw error;
  }

  async function stop(answer: Promise<WritersMessage>) {
    child.send('stop');
    const message = (await answer) as Extract<WritersMessage, { type: 'samples' }>;
    nextSlot = message.nextSlot;
    return { latencies: message.samples, startedAt: message.startedAt };
  }
}

/** The step log's marks of the run under way: steps, and big tables' phases of ≥ 1 s. */
const marks: { at: number; label: string }[] = [];

/**
 * The other clinics' p99 between consecutive marks, on stderr: which part of a move costs them
 * (each window named by the mark that ends it).
 */
function logByPhase(startedAt: number[], latencies: number[], idle: number[]) {
  const idleP99 = percentile(idle, 99);
  log('  others p99 by phase (window named by what ends it):');
  for (let i = 1; i < marks.length; i++) {
    const from = marks[i - 1]!.at;
    const to = marks[i]!.at;
    const inside = latencies.filter((_, j) => startedAt[j]! >= from && startedAt[j]! < to);
    if (inside.length < 20) continue;
    const p99 = percentile(inside, 99);
    log(
      `    ${((to - from) / 1000).toFixed(1).padStart(5)} s until ${marks[i]!.label}: ` +
        `${p99.toFixed(1)} ms = ${(p99 / idleP99).toFixed(2)}× idle (${inside.length} writes)`,
    );
  }
}

/** How long each idle window lasts: long enough for a p99 of a few thousand writes. */
const IDLE_MS = 5_000;

/** The same writers as a run, with nothing else going on. */
async function measureWrites(appUrl: string, clinics: Clinic[]): Promise<number[]> {
  const result = await withLoad(
    appUrl,
    clinics,
    () => new Promise((resolve) => setTimeout(resolve, IDLE_MS)),
  );
  return result.others;
}

/**
 * The writers book hourly slots (counted in hours since 1970) from here: after the seeded
 * bookings (hourly from 2000 on), which at 1,000,000 rows run to 2114 — from 2040, as before,
 * every write of the moving clinic hit its one therapist's exclusion constraint and failed, so
 * the 1M runs had no writes on it.
 */
let nextSlot = Date.UTC(2200, 0, 1) / 3_600_000;

/** The seed's plan: freeze first, then copy everything, verify, flip; frozen throughout. */
async function naiveMove(ownerUrl: string, clinic: Clinic, schema: string) {
  const started = Date.now();
  const migrations = await loadMigrations(migrationsDir);
  await migrateTarget({ label: schema, connectionString: ownerUrl, schema }, migrations);
  const frozenAt = Date.now();
  await withClient(ownerUrl, async (owner) => {
    await owner.query("SELECT set_config('app.current_tenant', $1, false)", [clinic.id]);
    const tables = await listTenantTables(owner, 'public');
    await freezeRows(owner, 'public', tables, clinic.id);
    await owner.query('SET session_replication_role = replica');
    // Each schema has its own enum types: their values cross by label.
    const { rows: enums } = await owner.query<{ name: string }>(
      "SELECT quote_ident(typname) AS name FROM pg_type WHERE typnamespace = $1::regnamespace AND typtype = 'e'",
      [schema],
    );
    const enumTypes = new Set(enums.map((row) => row.name));
    for (const table of tables) {
      // COPY out and in without the wire: one server-side INSERT … SELECT per table, the
      // columns named (the two schemas may list them in another order).
      const names = copyableColumns(table);
      const values = names.map((name) => {
        const type = table.columns.find((column) => column.name === name)!.type;
        const column = owner.escapeIdentifier(name);
        return enumTypes.has(type) ? `${column}::text::${schema}.${type}` : column;
      });
      await owner.query(
        `INSERT INTO ${schema}.${table.name} (${names.map((name) => owner.escapeIdentifier(name)).join(', ')})
         SELECT ${values.join(', ')} FROM public.${table.name} WHERE clinic_id = $1`,
        [clinic.id],
      );
    }
    await clinicFingerprint(owner, { clinicId: clinic.id, tables });
    await clinicFingerprint(owner, { clinicId: clinic.id, schema, tables });
    await owner.query('RESET session_replication_role');
    await unfreezeRows(owner, 'public', tables, clinic.id);
    await owner.query(`DROP SCHEMA ${schema} CASCADE`);
  });
  return { seconds: (Date.now() - frozenAt) / 1000, total: (Date.now() - started) / 1000 };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
