import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ArchiveError } from '../archive';

/** One stored backup object, as a store lists it. */
export interface StoredObject {
  key: string;
  bytes: number;
  modifiedAt: Date;
}

/**
 * Where clinic backups live: a local directory (development) or an S3-compatible bucket
 * (production). Keys are `<clinic id>/<file>`, so a clinic's backups list by its id. The store
 * holds files only; what they are (rows, migration, verified) is in the `clinic_backups` table.
 */
export interface BackupStore {
  /** Where it stores, for logs and summaries: a directory or `s3://bucket/prefix`. */
  readonly location: string;
  /** Uploads a file under `key`, replacing nothing: keys are unique per backup. */
  put(key: string, file: string): Promise<{ bytes: number }>;
  /** The objects of one clinic, oldest first. */
  list(clinicId: string): Promise<StoredObject[]>;
  /** The object's bytes; refuses a missing key with BACKUP_NOT_FOUND. */
  read(key: string): Promise<Readable>;
  /** Removes the object; a key already gone is not an error (pruning is retried). */
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/[A-Za-z0-9._-]+$/;

/** Refuses a key that is not `<clinic uuid>/<file name>` (no traversal out of the store). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) {
    throw new ArchiveError('BACKUP_NOT_FOUND', `${key} is not a backup key.`);
  }
  return key;
}

/** The key of a clinic's backup taken at `at`: sortable by time, unique by `id`. */
export function backupKey(clinicId: string, at: Date, id: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${clinicId}/${stamp}-${id.slice(0, 8)}.tar`;
}

/** Downloads an object to a file and returns the file's SHA-256 (hex), taken on the way. */
export async function download(store: BackupStore, key: string, file: string): Promise<string> {
  const hash = createHash('sha256');
  const source = await store.read(key);
  source.on('data', (chunk: Buffer) => hash.update(chunk));
  await pipeline(source, createWriteStream(file));
  return hash.digest('hex');
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
