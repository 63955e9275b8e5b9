// pnpm tenant:move <slug> --to shared|schema|database [--database-url-ref NAME] [--server NAME] [--dry-run]
//                  [--resume] [--rollback] [--cleanup] [--gentle] [--yes] [--reason TEXT] [--actor NAME]
//
// Moves a clinic between the shared schema, its own schema and its own database while it keeps
// working (docs/migration_playbook.md). Prints the plan, asks to confirm (or --yes), draws
// per-table progress on stderr and prints one JSON summary line on stdout.
//
// Exit codes: 0 done (or plan printed with --dry-run); 1 the move stopped on an error — it is
// recorded, `--resume` or `--rollback` picks it up; 2 bad arguments or configuration;
// 3 refused before anything changed (suspended, already there, a move in flight, rollback or
// clean-up not safe); 4 verification found a difference — the move stopped, the clinic was
// unfrozen where it was, `--resume` copies again; 5 not confirmed.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { migrationsDir } from '@eventora/db/migrations';
import { loadMigrations } from '../src/migrations';
import {
  cleanupMove,
  describeLocation,
  MoveError,
  planMove,
  resumeMove,
  rollbackMove,
  startMove,
  type MoveEvent,
  type MoveOptions,
  type MovePlan,
  type MoveRecord,
} from '../src/moves';
import type { ClinicMode } from '../src/context/bound-clinic';
import { withCommandDatabase } from './env';

const HELP = `Usage: pnpm tenant:move <slug> --to shared|schema|database [options]

Moves a clinic online: plan, provision, copy, catch up, freeze, final delta, verify, flip,
smoke test, unfreeze; the source is kept (frozen, unreachable) for the rollback window.

Options:
  --to MODE                 shared | schema | database (not needed with --resume/--rollback/--cleanup)
  --database-url-ref NAME   with --to database: the secret's name (NAME holds the runtime URL,
                            NAME_OWNER the owner URL); default a database on the shared server
  --server NAME             with --to database: a registered database server (pnpm db:servers),
                            which must be open with room. Its database is created there with the
                            server's owner secret; the secret names default to
                            CLINIC_<SLUG>_<SERVER>_DATABASE_URL(_OWNER). When that URL signs in
                            as the clinic's role (eventora_clinic_<slug>), the role is created
                            there too, from CLINIC_<SLUG>_DB_PASSWORD and <REF>_ADMIN (CREATEROLE).
                            The registry's server reference flips with the route.
  --dry-run                 print the plan and change nothing
  --resume                  finish the clinic's move in flight from the step it stopped at
  --rollback                roll the latest move back (before the flip: discard the target;
                            after it, within the window: move back with every write since)
  --cleanup                 remove the retained source once the rollback window is over
  --force                   with --cleanup: remove it now, inside the window (no rollback after)
  --gentle                  during the copy, one piece of server work at a time (hashes after
                            the loads, index builds after them without parallel workers): the
                            other clinics keep a core on a small server; the copy takes longer
  --yes                     do not ask for confirmation
  --reason TEXT             why (written to the clinic's audit log and the platform log)
  --actor NAME              who (default: $USER)
  -h, --help                this help

Environment: DATABASE_OWNER_URL (owner role), DATABASE_URL (runtime role), secrets named by
--database-url-ref and --server; with no DATABASE_OWNER_URL, the embedded development database.

Exit codes: 0 done; 1 stopped on an error (recorded: --resume or --rollback); 2 bad arguments
or configuration; 3 refused, nothing changed; 4 verification mismatch (stopped, unfrozen);
5 not confirmed.`;

const EXIT = { done: 0, failed: 1, usage: 2, refused: 3, mismatch: 4, unconfirmed: 5 } as const;

function parse() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      'database-url-ref': { type: 'string' },
      server: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
      rollback: { type: 'boolean', default: false },
      cleanup: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      gentle: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      reason: { type: 'string' },
      actor: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { values, slug: positionals[0] };
}

class UsageError extends Error {}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, slug } = args;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.done;
  }
  if (!slug) throw new UsageError('Name the clinic: pnpm tenant:move <slug> --to MODE');
  const actions = [values.resume, values.rollback, values.cleanup].filter(Boolean).length;
  if (actions > 1) throw new UsageError('Use one of --resume, --rollback, --cleanup.');
  if (values.force && !values.cleanup) throw new UsageError('--force goes with --cleanup.');
  const to = values.to as ClinicMode | undefined;
  if (actions === 0 && !['shared', 'schema', 'database'].includes(to ?? '')) {
    throw new UsageError('--to must be shared, schema or database.');
  }
  if (values['database-url-ref'] && to !== 'database') {
    throw new UsageError('--database-url-ref goes with --to database.');
  }
  if (values.server && to !== 'database') {
    throw new UsageError('--server goes with --to database.');
  }
  return withCommandDatabase(async ({ ownerUrl, appUrl }) => {
    if (!appUrl) throw new UsageError("DATABASE_URL (the runtime role's URL) is not set.");
    const options: MoveOptions = {
      ownerUrl,
      appUrl,
      secrets: (name) => process.env[name],
      migrations: await loadMigrations(migrationsDir),
      onEvent: progress(),
      gentle: values.gentle,
    };
    const who = {
      actor: values.actor ?? process.env.USER ?? 'operator',
      reason: values.reason ?? 'moved with pnpm tenant:move',
    };
    const started = Date.now();
    let move: MoveRecord;
    if (values.resume) move = await resumeMove(slug, options);
    else if (values.rollback) {
      if (!(await confirm(values.yes, `Roll back the latest move of ${slug}?`)))
        return EXIT.unconfirmed;
      move = await rollbackMove(slug, who, options);
    } else if (values.cleanup) {
      const question = values.force
        ? `Remove the retained source of ${slug} now? No rollback is possible afterwards.`
        : `Remove the retained source of ${slug}?`;
      if (!(await confirm(values.yes, question))) return EXIT.unconfirmed;
      move = await cleanupMove(slug, {
        ...options,
        force: values.force,
        who: {
          actor: who.actor,
          reason:
            values.reason ?? `cleaned up with pnpm tenant:move${values.force ? ' --force' : ''}`,
        },
      });
    } else {
      const request = {
        slug,
        to: to!,
        databaseUrlRef: values['database-url-ref'],
        server: values.server,
      };
      const plan = await planMove(request, options);
      printPlan(plan);
      if (values['dry-run']) {
        summary({ dryRun: true, plan });
        return EXIT.done;
      }
      if (!(await confirm(values.yes, `Move ${slug} to ${describeLocation(plan.to)}?`))) {
        return EXIT.unconfirmed;
      }
      move = await startMove({ ...request, ...who }, options);
    }
    summary({
      moveId: move.id,
      clinic: slug,
      from: describeLocation(move.from),
      to: describeLocation(move.to),
      state: move.state,
      step: move.step,
      seconds: (Date.now() - started) / 1000,
      rows: Object.values(move.tables).reduce((sum, table) => sum + table.rows, 0),
      freezeMs: move.timings.freezeMs ?? null,
      verifyMs: move.timings.verifyMs ?? null,
      retainUntil: move.retainUntil,
    });
    return EXIT.done;
  });
}

function summary(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function printPlan(plan: MovePlan): void {
  const err = (line: string) => process.stderr.write(`${line}\n`);
  err(
    `Plan: ${plan.clinic.slug} (${plan.clinic.status}) ${describeLocation(plan.from)} → ${describeLocation(plan.to)}`,
  );
  for (const table of plan.tables) {
    err(
      `  ${table.table.padEnd(24)} ${String(table.rows).padStart(10)} rows ${formatBytes(table.bytes).padStart(9)}`,
    );
  }
  err(
    `  ${'total'.padEnd(24)} ${String(plan.totalRows).padStart(10)} rows ${formatBytes(plan.totalBytes).padStart(9)}`,
  );
  err(
    `Estimated: ${plan.estimatedSeconds} s in all; writes frozen for about ${plan.estimatedFreezeSeconds} s.`,
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function confirm(yes: boolean, question: string): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) {
    process.stderr.write(`${question} Not confirmed: pass --yes when there is no terminal.\n`);
    return false;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(`${question} [y/N] `);
  prompt.close();
  return /^y(es)?$/i.test(answer.trim());
}

/** Per-table bars (rows, rows/s, ETA) and step lines on stderr. */
function progress(): (event: MoveEvent) => void {
  const tty = process.stderr.isTTY;
  const started = new Map<string, number>();
  let lastDraw = 0;
  return (event) => {
    const err = (text: string) => process.stderr.write(text);
    switch (event.type) {
      case 'step':
        err(`${new Date().toISOString()} step ${event.step}\n`);
        break;
      case 'rows': {
        if (!started.has(event.table)) started.set(event.table, Date.now());
        const now = Date.now();
        if (!tty || now - lastDraw < 100) break;
        lastDraw = now;
        const seconds = Math.max(0.001, (now - started.get(event.table)!) / 1000);
        const rate = event.rows / seconds;
        const share = event.planned > 0 ? Math.min(1, event.rows / event.planned) : 1;
        const bar = '█'.repeat(Math.round(share * 24)).padEnd(24, '░');
        const eta = rate > 0 ? Math.max(0, (event.planned - event.rows) / rate) : 0;
        err(
          `\r  ${event.table.padEnd(24)} ${bar} ${event.rows}/${event.planned} ${Math.round(rate)} rows/s ETA ${eta.toFixed(0)} s   `,
        );
        break;
      }
      case 'table-done': {
        const rate = event.ms > 0 ? Math.round((event.rows * 1000) / event.ms) : event.rows;
        err(
          `${tty ? '\r' : ''}  ${event.table.padEnd(24)} ${'█'.repeat(24)} ${event.rows} rows in ${event.ms} ms (${rate} rows/s)\n`,
        );
        break;
      }
      case 'catch-up':
        err(`  catch-up round ${event.round}: ${event.keys} changed rows applied\n`);
        break;
      case 'frozen':
        err(`  writes frozen at ${event.at.toISOString()}\n`);
        break;
      case 'unfrozen':
        err(`  writes open again at ${event.at.toISOString()} (frozen ${event.frozenMs} ms)\n`);
        break;
    }
  };
}

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof MoveError) {
    if (error.code === 'VERIFY_MISMATCH') return EXIT.mismatch;
    if (
      [
        'CLINIC_NOT_FOUND',
        'CLINIC_SUSPENDED',
        'MOVE_IN_PROGRESS',
        'ALREADY_THERE',
        'NO_MOVE',
        'ROLLBACK_REFUSED',
        'CLEANUP_REFUSED',
        'SERVER_REFUSED',
      ].includes(error.code)
    ) {
      return EXIT.refused;
    }
  }
  if (error instanceof Error && /DATABASE_OWNER_URL/.test(error.message)) return EXIT.usage;
  return EXIT.failed;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = exitCodeOf(error);
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    summary({
      error: error instanceof Error ? error.message : String(error),
      code: (error as { code?: string }).code ?? null,
      exitCode: code,
    });
    process.exit(code);
  },
);
