import { hash } from 'node:crypto';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import { copyableColumns, qualifiedName, type TenantTable } from '../tables';

// Format /3's table files: COPY's own CSV with a header, `clinic_id` first. No ORDER BY and no
// per-row JSON: a table is dumped as fast as Postgres reads it. Rows come in any order, so the
// restore's content check is order-independent (a sum of per-row hashes).

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/** The columns a table is archived with, `clinic_id` first (the one a copy replaces). */
export function archiveColumns(table: TenantTable): string[] {
  return ['clinic_id', ...copyableColumns(table).filter((column) => column !== 'clinic_id')];
}

/**
 * One clinic's rows of a table as CSV with a header, straight from COPY. Run under
 * `pinCanonicalSettings` so values print the same on export and after a restore.
 */
export function copyCsv(
  client: pg.ClientBase,
  schema: string,
  table: TenantTable,
  clinicId: string,
  columns: string[],
): Readable {
  const list = columns.map((column) => client.escapeIdentifier(column)).join(', ');
  // COPY takes no bind parameters; the id comes from the registry (a uuid) and is quoted.
  const sql = `COPY (SELECT ${list} FROM ${qualifiedName(client, schema, table.name)}
                     WHERE clinic_id = ${client.escapeLiteral(clinicId)}::uuid)
               TO STDOUT WITH (FORMAT csv, HEADER true)`;
  return client.query(copyTo(sql));
}

/**
 * Finds where CSV records end in COPY's output: at a newline outside quotes (a quoted field may
 * hold newlines; a doubled quote inside one toggles twice, so the state stays right). Jumps from
 * quote to newline with `indexOf` (native) rather than visiting every byte in JavaScript.
 */
class RecordEnds {
  private quoted = false;

  /** Calls `end(i)` for each newline at `chunk[i]` that ends a record. */
  scan(chunk: Buffer, end: (at: number) => void): void {
    let quoted = this.quoted;
    let at = 0;
    let quote = chunk.indexOf(QUOTE);
    while (at < chunk.length) {
      if (quoted) {
        if (quote === -1) break;
        quoted = false;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, at);
      if (quote !== -1 && (newline === -1 || quote < newline)) {
        quoted = true;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (newline === -1) break;
      end(newline);
      at = newline + 1;
    }
    this.quoted = quoted;
  }
}

/** Sums 256-bit hashes as four 64-bit lanes: the same rows give the same sum in any order. */
class RowSum {
  private readonly lanes = [0n, 0n, 0n, 0n];

  add(digest: Buffer): void {
    for (let lane = 0; lane < 4; lane++) this.lanes[lane]! += digest.readBigUInt64BE(lane * 8);
  }

  hex(): string {
    return this.lanes
      .map((lane) => BigInt.asUintN(64, lane).toString(16).padStart(16, '0'))
      .join('');
  }
}

/**
 * A pass-through that counts a CSV file's data rows (the header is not one) and takes their
 * order-independent digest: the sum of each row's SHA-256 (its bytes without the newline). A
 * restore takes it of the archive's file on its way into the database, and of the rows read back
 * from it: equal digests, the same rows. (The export only counts: hashing each row cost more than
 * the whole dump, and the file's own SHA-256, signed, already pins its bytes.)
 */
export function csvDigest(): Transform & { result(): { rows: number; sha256: string } } {
  const ends = new RecordEnds();
  const sum = new RowSum();
  let records = 0;
  let partial: Buffer[] = [];
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let start = 0;
      ends.scan(chunk, (at) => {
        const piece = chunk.subarray(start, at);
        const row = partial.length > 0 ? Buffer.concat([...partial, piece]) : piece;
        partial = [];
        if (records > 0) sum.add(hash('sha256', row, 'buffer'));
        records += 1;
        start = at + 1;
      });
      if (start < chunk.length) partial.push(chunk.subarray(start));
      done(null, chunk);
    },
  });
  return Object.assign(stream, {
    result: () => ({ rows: Math.max(records - 1, 0), sha256: sum.hex() }),
  });
}

/** Counts a CSV file's data rows on the way through (what a restore checks against the manifest). */
export function csvRowCounter(): Transform & { rows(): number } {
  const ends = new RecordEnds();
  let records = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      ends.scan(chunk, () => void (records += 1));
      done(null, chunk);
    },
  });
  return Object.assign(stream, { rows: () => Math.max(records - 1, 0) });
}

/** The row count and content digest of a clinic's rows in one table, as an export takes them. */
export async function digestCsvTable(
  client: pg.ClientBase,
  schema: string,
  table: TenantTable,
  clinicId: string,
  columns: string[],
): Promise<{ rows: number; sha256: string }> {
  const digest = csvDigest();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(copyCsv(client, schema, table, clinicId, columns), digest, discard);
  return digest.result();
}
