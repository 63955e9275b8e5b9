import { createHash } from 'node:crypto';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import { qualifiedName, type TenantTable } from '../tables';

/**
 * One clinic's rows of a table as JSON Lines, in key order, straight from COPY: CSV with a quote
 * and a delimiter JSON never contains raw (it escapes control characters), so each line is
 * exactly the row's `to_json`. Run under `pinCanonicalSettings` so values print the same on
 * export and after a restore.
 */
export function copyJsonLines(
  client: pg.ClientBase,
  schema: string,
  table: TenantTable,
  clinicId: string,
): Readable {
  const key = table.primaryKey.map((column) => client.escapeIdentifier(column)).join(', ');
  // COPY takes no bind parameters; the id comes from the registry (a uuid) and is quoted.
  const sql = `COPY (SELECT to_json(t)::text FROM ${qualifiedName(client, schema, table.name)} t
                     WHERE clinic_id = ${client.escapeLiteral(clinicId)}::uuid ORDER BY ${key})
               TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`;
  return client.query(copyTo(sql));
}

/**
 * A pass-through that counts lines and takes the SHA-256 of the bytes it sees: the export's
 * content checksum, computed in the same pass that writes the file (no second read of the table).
 */
export function digestLines(): Transform & { result(): { rows: number; sha256: string } } {
  const hash = createHash('sha256');
  let rows = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows += 1;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return Object.assign(stream, { result: () => ({ rows, sha256: hash.digest('hex') }) });
}

/** The row count and JSON Lines digest of a clinic's rows in one table, as an export takes them. */
export async function digestTable(
  client: pg.ClientBase,
  schema: string,
  table: TenantTable,
  clinicId: string,
): Promise<{ rows: number; sha256: string }> {
  const digest = digestLines();
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(copyJsonLines(client, schema, table, clinicId), digest, discard);
  return digest.result();
}
