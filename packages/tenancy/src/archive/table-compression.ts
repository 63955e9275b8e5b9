import { Transform } from 'node:stream';
import { constants, createBrotliCompress, createBrotliDecompress, createGunzip } from 'node:zlib';

import { ARCHIVE_FORMAT } from './manifest';

// How an archive's table files are compressed. Format /4 uses Brotli at quality 1: on COPY's CSV
// it took a quarter of gzip level 1's CPU time (0.6 s against 2.1 s per 300 MB, measured on the
// bench clinic) for a smaller file (47 MB against 63 MB), and compression is what made the
// export slower than pg_dump. Formats /1 to /3 hold gzip.

// Brotli's fast qualities compress each write on its own: fed COPY's socket-sized pieces (16-64
// KiB) the file came out 65 MB and cost up to three times the CPU; fed 1 MiB, 47 MB.
const BATCH_BYTES = 1 << 20;

/** The file name ending of the table files this version writes. */
export const TABLE_FILE_EXTENSION = '.csv.br';

/** A compressor for a format /4 table file: 1 MiB batches into Brotli quality 1. */
export function compressTable(): Transform[] {
  return [
    batches(BATCH_BYTES),
    createBrotliCompress({
      chunkSize: 256 * 1024,
      params: { [constants.BROTLI_PARAM_QUALITY]: 1 },
    }),
  ];
}

/** The decompressor for a table file of an archive in `format` (gzip before /4). */
export function decompressTable(format: string): Transform {
  return format === ARCHIVE_FORMAT ? createBrotliDecompress() : createGunzip();
}

/** Gathers chunks into pieces of at least `size` bytes (the last may be smaller). */
function batches(size: number): Transform {
  let held: Buffer[] = [];
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      held.push(chunk);
      bytes += chunk.length;
      if (bytes < size) return done();
      const batch = Buffer.concat(held, bytes);
      held = [];
      bytes = 0;
      done(null, batch);
    },
    flush(done) {
      done(null, bytes > 0 ? Buffer.concat(held, bytes) : undefined);
    },
  });
}
