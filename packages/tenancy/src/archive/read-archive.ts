import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

import { ArchiveError } from './archive-error';
import { csvRowCounter } from './csv-rows';
import { decompressTable } from './table-compression';
import {
  holdsCsv,
  MANIFEST_FILE,
  verifyManifest,
  type ArchivedTable,
  type ArchiveManifest,
} from './manifest';

/** Receives one table's file (decompressed: CSV, or JSON Lines before /3), in the manifest's order. */
export type TableVisitor = (table: ArchivedTable, lines: Readable) => Promise<void>;

/**
 * Streams an archive, authenticating as it goes: the manifest first (its HMAC signature), then
 * each table file in the manifest's order, its bytes hashed and its rows counted while
 * `visit` consumes them. Refuses with an ArchiveError naming what was changed: the manifest,
 * a file's bytes, its row count, a missing or an extra file. A table's problem is known only
 * once its file has been read: a restore consumes it inside a transaction and rolls back.
 */
export async function readArchive(
  file: string,
  key: string,
  visit: TableVisitor = drain,
): Promise<ArchiveManifest> {
  const extract = tar.extract();
  let manifest: ArchiveManifest | undefined;
  let next = 0;
  const source = createReadStream(file);
  const reading = pipeline(source, extract);
  // Marked handled now: a refusal below stops reading midway, and that must not surface twice.
  reading.catch(() => undefined);
  let consumerFailed = false;
  const consume: TableVisitor = (table, lines) =>
    visit(table, lines).catch((error: unknown) => {
      consumerFailed = true;
      throw error;
    });
  try {
    manifest = await readEntries();
  } catch (error) {
    // The consumer's own errors (a database refusing a row) pass through; the rest is the file's.
    if (error instanceof ArchiveError || consumerFailed) throw error;
    throw new ArchiveError('NOT_AN_ARCHIVE', `Not a readable archive: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
  try {
    await reading;
  } catch (error) {
    throw new ArchiveError('NOT_AN_ARCHIVE', `Not a readable archive: ${(error as Error).message}`);
  }
  if (!manifest) throw new ArchiveError('NOT_AN_ARCHIVE', 'The archive is empty.');
  return manifest;

  async function readEntries(): Promise<ArchiveManifest | undefined> {
    for await (const tarEntry of extract) {
      const name = tarEntry.header.name;
      // tar-stream's entries are streamx streams: readable by Node's pipeline and iterators.
      const entry = tarEntry as unknown as Readable;
      if (!manifest) {
        if (name !== MANIFEST_FILE) {
          throw new ArchiveError(
            'NOT_AN_ARCHIVE',
            `The archive does not start with ${MANIFEST_FILE}.`,
          );
        }
        manifest = verifyManifest(await text(entry), key);
        continue;
      }
      const expected = manifest.tables[next];
      if (!expected || name !== expected.file) {
        const listed = manifest.tables.some((table) => table.file === name);
        throw listed
          ? new ArchiveError(
              'FILE_MISSING',
              `${expected?.file ?? name} is missing (found ${name} in its place).`,
            )
          : new ArchiveError(
              'FILE_UNEXPECTED',
              `The archive holds ${name}, which its manifest does not list.`,
            );
      }
      await readTable(entry, expected, manifest.format, consume);
      next += 1;
    }
    if (manifest && next < manifest.tables.length) {
      throw new ArchiveError('FILE_MISSING', `${manifest.tables[next]!.file} is missing.`);
    }
    return manifest;
  }
}

async function readTable(
  entry: Readable,
  table: ArchivedTable,
  format: string,
  visit: TableVisitor,
): Promise<void> {
  const hash = createHash('sha256');
  const hashBytes = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const counter = holdsCsv({ format }) ? csvRowCounter() : lineCounter();
  const lines = new PassThrough();
  const changed = () =>
    new ArchiveError(
      'FILE_CHANGED',
      `${table.file} (${table.table}) differs from what the manifest signed.`,
    );
  const piped = pipeline(entry, hashBytes, decompressTable(format), counter, lines);
  const visited = visit(table, lines).catch((error: unknown) => {
    // The consumer gave up (a database error): stop reading, and report its error.
    lines.destroy();
    throw error;
  });
  const [reading, consuming] = await Promise.allSettled([piped, visited]);
  // A changed byte usually breaks the decompression before the file is read through: the same finding.
  if (reading.status === 'rejected' && !isPrematureClose(reading.reason)) throw changed();
  if (consuming.status === 'rejected') throw consuming.reason;
  if (reading.status === 'rejected') throw reading.reason;
  if (hash.digest('hex') !== table.sha256) throw changed();
  if (counter.rows() !== table.rows) {
    throw new ArchiveError(
      'ROW_COUNT',
      `${table.file} holds ${counter.rows()} rows; the manifest says ${table.rows}.`,
    );
  }
}

/** Counts JSON Lines (formats /1 and /2: JSON escapes newlines, so each ends one row). */
function lineCounter(): Transform & { rows(): number } {
  let rows = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) rows += 1;
      done(null, chunk);
    },
  });
  return Object.assign(stream, { rows: () => rows });
}

function isPrematureClose(error: unknown): boolean {
  return (error as { code?: string })?.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function drain(_table: ArchivedTable, lines: Readable): Promise<void> {
  for await (const _chunk of lines) {
    // Reading is the check: hashes and counts are taken on the way.
  }
}

/** Reads the whole archive and checks every file against its signed manifest. */
export function verifyArchive(file: string, key: string): Promise<ArchiveManifest> {
  return readArchive(file, key);
}
