import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';

import { csvDigest, csvRowCounter } from './csv-rows';

const HEADER = 'clinic_id,id,notes\n';
const ROWS = [
  '6b0c6a4e-2f0e-4c39-9d7c-1a2b3c4d5e6f,1,plain\n',
  '6b0c6a4e-2f0e-4c39-9d7c-1a2b3c4d5e6f,2,"two\nlines, a comma and ""quotes"""\n',
  '6b0c6a4e-2f0e-4c39-9d7c-1a2b3c4d5e6f,3,""\n',
  '6b0c6a4e-2f0e-4c39-9d7c-1a2b3c4d5e6f,4,\n',
];

/** Feeds `text` through a fresh digest in chunks of `size` bytes (1 splits every row apart). */
async function digestOf(text: string, size = 64 * 1024) {
  const bytes = Buffer.from(text);
  const chunks = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  const digest = csvDigest();
  const counter = csvRowCounter();
  await pipeline(
    Readable.from(chunks),
    digest,
    counter,
    new Writable({ write: (_c, _e, done) => done() }),
  );
  return { ...digest.result(), counted: counter.rows() };
}

describe('the CSV rows of an archive (format /3)', () => {
  it('count rows, not lines: a quoted field may hold newlines, and the header is not a row', async () => {
    const { rows, counted } = await digestOf(HEADER + ROWS.join(''));
    expect(rows).toBe(4);
    expect(counted).toBe(4);
    expect((await digestOf(HEADER)).rows).toBe(0);
  });

  it('digest the same rows the same in any order and however the bytes are chunked', async () => {
    const reference = await digestOf(HEADER + ROWS.join(''));
    const reversed = await digestOf(HEADER + [...ROWS].reverse().join(''));
    expect(reversed.sha256).toBe(reference.sha256);
    for (const size of [1, 7, 37]) {
      expect(await digestOf(HEADER + ROWS.join(''), size)).toEqual(reference);
    }
  });

  it('digest differently when a row changes, goes missing or is repeated', async () => {
    const { sha256 } = await digestOf(HEADER + ROWS.join(''));
    const changed = ROWS.map((row) => row.replace('plain', 'plaim'));
    expect((await digestOf(HEADER + changed.join(''))).sha256).not.toBe(sha256);
    expect((await digestOf(HEADER + ROWS.slice(1).join(''))).sha256).not.toBe(sha256);
    expect((await digestOf(HEADER + ROWS.join('') + ROWS[0])).sha256).not.toBe(sha256);
    // NULL (nothing) and an empty string ("") are different values, and digest differently.
    const nullNotes = ROWS.map((row) => row.replace(',3,""', ',3,'));
    expect((await digestOf(HEADER + nullNotes.join(''))).sha256).not.toBe(sha256);
  });
});
