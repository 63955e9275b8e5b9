// What the tenant:* commands share: progress on stderr, one JSON summary on stdout, exit codes.
import path from 'node:path';

import { isArchiveError } from '../src/archive';

/** Exit codes of the tenant:* commands (documented in docs/operations.md). */
export const EXIT = {
  ok: 0,
  /** Something failed that is not the archive's or the operator's doing (database down…). */
  failed: 1,
  /** Wrong arguments: nothing was done. */
  usage: 2,
  /** Refused: a tampered or foreign archive, a missing confirmation, a wrong state. */
  refused: 3,
} as const;

/** A one-line progress bar on stderr (a line per step when stderr is not a terminal). */
export function progressBar(label: string) {
  return ({ table, rows, done, of }: { table: string; rows: number; done: number; of: number }) => {
    const width = 24;
    const filled = Math.round((done / of) * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${of} ${table} (${rows.toLocaleString('en-US')} rows)`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[2K${line}${done === of ? '\n' : ''}`);
    } else {
      process.stderr.write(`${line}\n`);
    }
  };
}

/**
 * Runs a command: its result as JSON on stdout (or as `text` renders it, for a command whose
 * default output is for people); a refusal or failure as JSON on stdout too, and a line on stderr.
 */
export function run(main: () => Promise<unknown>): void;
export function run<T>(main: () => Promise<T>, text: ((result: T) => string) | undefined): void;
export function run<T>(main: () => Promise<T>, text?: (result: T) => string): void {
  // Through a promise, so a refusal thrown while the command's options are built is reported too.
  Promise.resolve()
    .then(main)
    .then(
      (result) => {
        process.stdout.write(text ? text(result) : `${JSON.stringify(result, null, 2)}\n`);
        process.exit(EXIT.ok);
      },
      (error: unknown) => {
        const refused = isArchiveError(error);
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`${refused ? 'refused' : 'failed'}: ${message}\n`);
        process.stdout.write(
          `${JSON.stringify({ ok: false, code: refused ? error.code : 'FAILED', message }, null, 2)}\n`,
        );
        process.exit(refused ? EXIT.refused : EXIT.failed);
      },
    );
}

/** Prints the usage and exits 2 (or 0 for --help). */
export function usage(text: string, help: boolean): never {
  (help ? process.stdout : process.stderr).write(`${text.trim()}\n`);
  process.exit(help ? EXIT.ok : EXIT.usage);
}

/** A path as the operator typed it: relative to where they ran pnpm, not to this package. */
export function fromCaller(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}
