import { createHmac, timingSafeEqual } from 'node:crypto';

import type { ClinicMode } from '../context/bound-clinic';
import { ArchiveError } from './archive-error';

export const ARCHIVE_FORMAT = 'eventora.clinic-archive/4';
/**
 * Formats this version reads: /1 and /2 hold JSON Lines in key order, /1 with each table's
 * database fingerprint (`checksum`, a second read of every table at export), /2 with the digest
 * of the exported lines (`linesSha256`); /3 holds COPY's CSV with a header, unordered, with the
 * columns it lists (a restore digests the file's rows and the rows it wrote, and compares); /4
 * is /3 with Brotli instead of gzip (see `table-compression.ts`). Backups of every older format
 * stay restorable.
 */
const READABLE_FORMATS: readonly string[] = [
  'eventora.clinic-archive/1',
  'eventora.clinic-archive/2',
  'eventora.clinic-archive/3',
  ARCHIVE_FORMAT,
];

/** Whether an archive's table files are CSV (formats /3, /4) rather than JSON Lines. */
export function holdsCsv(manifest: Pick<ArchiveManifest, 'format'>): boolean {
  return ['eventora.clinic-archive/3', ARCHIVE_FORMAT].includes(manifest.format);
}
export const MANIFEST_FILE = 'manifest.json';

/** One table's file in an archive. */
export interface ArchivedTable {
  table: string;
  /**
   * Path inside the archive, in foreign-key order: `tables/<nnn>-<table>.csv.br` (/4),
   * `….csv.gz` (/3), or `….jsonl.gz` (/1, /2).
   */
  file: string;
  rows: number;
  /** SHA-256 of the file's bytes as stored (compressed). */
  sha256: string;
  /** Formats /3, /4: the CSV's columns, `clinic_id` first, as its header lists them. */
  columns?: string[];
  /**
   * SHA-256 of the file's JSON Lines before gzip (format /2): a restore that keeps the clinic id
   * reads the restored rows back the same way and must find the same digest.
   */
  linesSha256?: string;
  /** Format /1: the table's fingerprint checksum at export (see `@eventora/tenancy/tables`). */
  checksum?: string;
}

/** What an archive says about itself; signed as a whole (HMAC-SHA256). */
export interface ArchiveManifest {
  format: string;
  createdAt: string;
  clinic: { id: string; slug: string; name: string; mode: ClinicMode };
  /** The newest migration applied to the exported schema: restores check it. */
  migration: string;
  tables: ArchivedTable[];
  /** The audit chain's head at export, to prove later that no newer entry was dropped. */
  auditHead: { seq: string; hash: string } | null;
}

export interface SignedManifest extends ArchiveManifest {
  /** HMAC-SHA256 (hex) of the manifest's canonical JSON without this field. */
  signature: string;
}

/** JSON with object keys sorted at every level: the same manifest always signs the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const MIN_KEY_LENGTH = 32;

/** The signing key, checked: archives are never written or trusted without one. */
export function signingKey(key: string | undefined): string {
  if (!key || key.length < MIN_KEY_LENGTH) {
    throw new ArchiveError(
      'KEY_MISSING',
      `Set ARCHIVE_SIGNING_KEY to a secret of at least ${MIN_KEY_LENGTH} characters (the same one that signed the archive).`,
    );
  }
  return key;
}

export function signManifest(manifest: ArchiveManifest, key: string): SignedManifest {
  const signature = createHmac('sha256', signingKey(key))
    .update(canonicalJson(manifest))
    .digest('hex');
  return { ...manifest, signature };
}

/** Parses and authenticates a manifest; refuses an unknown format or a signature that fails. */
export function verifyManifest(text: string, key: string): ArchiveManifest {
  let parsed: SignedManifest;
  try {
    parsed = JSON.parse(text) as SignedManifest;
  } catch {
    throw new ArchiveError('NOT_AN_ARCHIVE', 'The manifest is not valid JSON.');
  }
  if (!READABLE_FORMATS.includes(parsed?.format) || typeof parsed.signature !== 'string') {
    throw new ArchiveError(
      'NOT_AN_ARCHIVE',
      `Not an Eventora clinic archive (format ${ARCHIVE_FORMAT}).`,
    );
  }
  const { signature, ...manifest } = parsed;
  const expected = createHmac('sha256', signingKey(key)).update(canonicalJson(manifest)).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ArchiveError(
      'BAD_SIGNATURE',
      'The manifest’s signature does not match: the archive was edited, or signed with another key.',
    );
  }
  return manifest;
}
