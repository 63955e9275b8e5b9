import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';

import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@eventora/db/migrations';

import type { ClinicMode } from '../context/bound-clinic';
import { loadMigrations, migrateTarget, type Migration } from '../migrations';
import { dedicatedName } from '../provisioning/provision-clinic';
import { asClinic, seedClinicRows } from '../schema/two-clinics';
import { listTenantTables, pinCanonicalSettings } from '../tables';
import { createTestDatabase, type TestDatabase } from '../testing';
import {
  auditChainBreaks,
  clinicContent,
  clinicWithRows as clinicWithRowsIn,
  registryFingerprint,
} from '../testing/archived-clinic';
import { withClient } from '../with-client';
import { ArchiveError } from './archive-error';
import { clinicRows, readRegistryClinic } from './clinic-target';
import { exportClinic } from './export-clinic';
import { copyJsonLines, digestLines } from './json-lines';
import { signManifest, type ArchivedTable, type ArchiveManifest } from './manifest';
import { restoreClinic } from './restore-clinic';

const KEY = 'a test signing key that is long enough to be a secret';
const run = randomBytes(3).toString('hex');
let db: TestDatabase;
let migrations: Migration[];
let dir: string;
const databases: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  migrations = await loadMigrations(migrationsDir);
  dir = await mkdtemp(path.join(tmpdir(), 'eventora-archive-'));
});
afterAll(async () => {
  await withClient(db.adminUrl, async (admin) => {
    for (const name of databases) {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    }
  });
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const options = () => ({ ownerUrl: db.ownerUrl, signingKey: KEY, migrations });

async function clinicWithRows(slug: string, mode: ClinicMode): Promise<string> {
  const { id, database } = await clinicWithRowsIn(db, migrations, slug, mode);
  if (database) databases.push(database);
  return id;
}
const content = (slug: string) => clinicContent(db.ownerUrl, slug);
const fingerprint = (slug: string) => registryFingerprint(db.ownerUrl, slug);
const chainBreaks = (slug: string) => auditChainBreaks(db.ownerUrl, slug);

/** An archive's entries, in order, read whole. */
async function entries(file: string): Promise<{ name: string; data: Buffer }[]> {
  const extract = tar.extract();
  const found: { name: string; data: Buffer }[] = [];
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => void chunks.push(chunk as Buffer));
      stream.on('end', () => {
        found.push({ name: header.name, data: Buffer.concat(chunks) });
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(await readFile(file));
  await done;
  return found;
}

/** Writes `files` as a tar, in order. */
async function packEntries(out: string, files: { name: string; data: Buffer }[]): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(out));
  for (const file of files) pack.entry({ name: file.name }, file.data);
  pack.finalize();
  await written;
}

describe.each(['shared', 'schema', 'database'] as const)(
  'export and restore as a copy (%s)',
  (mode) => {
    it('the copy holds every row and column of the original, is closed, and its audit chain verifies', async () => {
      const slug = `${mode.slice(0, 2)}-${run}`;
      await clinicWithRows(slug, mode);
      const out = path.join(dir, `${slug}.tar`);
      const progress: string[] = [];
      const exported = await exportClinic(slug, {
        ...options(),
        out,
        onTable: ({ table }) => progress.push(table),
      });
      expect(exported.rows).toBeGreaterThan(15);
      expect(progress).toContain('reservations');

      const copySlug = `${slug}-copy`;
      if (mode === 'database') databases.push(dedicatedName(copySlug, 'database'));
      const restored = await restoreClinic(out, { kind: 'copy', slug: copySlug }, options());
      expect(restored.clinic).toMatchObject({ slug: copySlug, mode, status: 'suspended' });
      expect(restored.rows).toBe(exported.rows);

      const [original, copy] = [await content(slug), await content(copySlug)];
      // The copy drops credentials (sessions, reset tokens) and records its restore in its log.
      expect(copy.sessions).toEqual([]);
      expect(copy.password_reset_tokens).toEqual([]);
      expect(copy.audit_logs!.filter((row) => !row.includes('"clinic.restored_'))).toEqual(
        original.audit_logs,
      );
      for (const table of Object.keys(original).filter(
        (name) => !['sessions', 'password_reset_tokens', 'audit_logs'].includes(name),
      )) {
        expect(copy[table], table).toEqual(original[table]);
      }
      expect(await chainBreaks(copySlug)).toEqual([]);
      expect(await chainBreaks(slug)).toEqual([]);
    });
  },
);

describe('a tampered archive is refused with the reason', () => {
  let out: string;
  let slug: string;

  beforeAll(async () => {
    slug = `tamper-${run}`;
    await clinicWithRows(slug, 'shared');
    out = path.join(dir, `${slug}.tar`);
    await exportClinic(slug, { ...options(), out });
  });

  async function rewrite(edit: (files: { name: string; data: Buffer }[]) => void): Promise<string> {
    const files = await entries(out);
    edit(files);
    const tampered = path.join(dir, `tampered-${randomBytes(3).toString('hex')}.tar`);
    await packEntries(tampered, files);
    return tampered;
  }

  const attempt = (file: string, key = KEY) =>
    restoreClinic(
      file,
      { kind: 'copy', slug: `t-${randomBytes(3).toString('hex')}` },
      { ...options(), signingKey: key },
    );

  it('one byte changed in a table file', async () => {
    const file = await rewrite((files) => {
      const users = files.find((f) => f.name.endsWith('-users.csv.br'))!;
      const text = brotliDecompressSync(users.data).toString().replace('O’Brien', 'O’Brian');
      users.data = brotliCompressSync(text);
    });
    await expect(attempt(file)).rejects.toMatchObject({
      code: 'FILE_CHANGED',
      message: expect.stringContaining('users'),
    });
  });

  it('one row removed', async () => {
    const file = await rewrite((files) => {
      const audit = files.find((f) => f.name.endsWith('-audit_logs.csv.br'))!;
      const [header, , ...rest] = brotliDecompressSync(audit.data).toString().split('\n');
      audit.data = brotliCompressSync([header, ...rest].join('\n'));
    });
    await expect(attempt(file)).rejects.toMatchObject({ code: 'FILE_CHANGED' });
  });

  it('the manifest edited to match a removed row', async () => {
    const file = await rewrite((files) => {
      const manifest = files.find((f) => f.name === 'manifest.json')!;
      const parsed = JSON.parse(manifest.data.toString());
      parsed.tables[0].rows -= 1;
      manifest.data = Buffer.from(JSON.stringify(parsed));
    });
    await expect(attempt(file)).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
  });

  it('a file dropped, a file added, another key, no key', async () => {
    const dropped = await rewrite((files) => void files.splice(3, 1));
    await expect(attempt(dropped)).rejects.toMatchObject({ code: 'FILE_MISSING' });
    const added = await rewrite(
      (files) =>
        void files.push({ name: 'tables/999-extra.csv.br', data: brotliCompressSync('{}\n') }),
    );
    await expect(attempt(added)).rejects.toMatchObject({ code: 'FILE_UNEXPECTED' });
    await expect(
      attempt(out, 'another key that is also long enough to be one'),
    ).rejects.toMatchObject({
      code: 'BAD_SIGNATURE',
    });
    await expect(attempt(out, '')).rejects.toBeInstanceOf(ArchiveError);
    // Nothing was created by any refused attempt.
    const { rows } = await withClient(db.ownerUrl, (owner) =>
      owner.query("SELECT slug FROM clinics WHERE slug LIKE 't-%'"),
    );
    expect(rows).toEqual([]);
  });
});

describe('restore in place', () => {
  it('brings back the exported state, leaves other clinics alone, and a crash midway leaves the old state', async () => {
    const slug = `rp-${run}`;
    const other = `ot-${run}`;
    const id = await clinicWithRows(slug, 'schema');
    await clinicWithRows(other, 'shared');
    const out = path.join(dir, `${slug}.tar`);
    await exportClinic(slug, { ...options(), out });
    const exported = await content(slug);
    const otherBefore = await fingerprint(other);

    // The clinic moves on: a branch renamed, a reservation cancelled, a new client.
    const rows = clinicRows(
      await withClient(db.ownerUrl, (o) => readRegistryClinic(o, slug)),
      db.ownerUrl,
    );
    await withClient(rows.connectionString, (owner) =>
      asClinic(owner, id, async () => {
        await owner.query(
          `SET LOCAL search_path TO ${owner.escapeIdentifier(rows.schema)}, public`,
        );
        await owner.query("UPDATE branches SET name = 'Renamed'");
        await owner.query("UPDATE reservations SET status = 'cancelled'");
        await owner.query(
          "INSERT INTO users (clinic_id, id, email, name) VALUES ($1, gen_random_uuid(), 'late@x.test', 'Late')",
          [id],
        );
      }),
    );
    const moved = await fingerprint(slug);

    await expect(
      restoreClinic(
        out,
        { kind: 'replace', slug, confirm: 'yes', safetyOut: path.join(dir, 'x.tar') },
        options(),
      ),
    ).rejects.toMatchObject({ code: 'NOT_CONFIRMED' });

    let tables = 0;
    const crash = restoreClinic(
      out,
      {
        kind: 'replace',
        slug,
        confirm: slug,
        safetyOut: path.join(dir, `${slug}-before-crash.tar`),
      },
      {
        ...options(),
        onTable: () => {
          tables += 1;
          if (tables === 5) throw new Error('power cut');
        },
      },
    );
    await expect(crash).rejects.toThrow('power cut');
    expect(await fingerprint(slug)).toEqual(moved);
    const afterCrash = await withClient(db.ownerUrl, (owner) => readRegistryClinic(owner, slug));
    expect(afterCrash.status).toBe('active');

    const safetyOut = path.join(dir, `${slug}-before.tar`);
    const restored = await restoreClinic(
      out,
      { kind: 'replace', slug, confirm: slug, safetyOut },
      options(),
    );
    expect(restored.safetyExport?.file).toBe(safetyOut);
    const now = await content(slug);
    for (const table of Object.keys(exported).filter(
      (name) => !['sessions', 'password_reset_tokens', 'audit_logs'].includes(name),
    )) {
      expect(now[table], table).toEqual(exported[table]);
    }
    expect(now.audit_logs!.filter((row) => !row.includes('"clinic.restored_'))).toEqual(
      exported.audit_logs,
    );
    expect(await chainBreaks(slug)).toEqual([]);
    expect(await fingerprint(other)).toEqual(otherBefore);

    // The safety export holds the replaced state: restoring it as a copy shows the late client.
    const copy = await restoreClinic(
      safetyOut,
      { kind: 'copy', slug: `${slug}-was`, mode: 'shared' },
      options(),
    );
    expect(copy.rows).toBeGreaterThan(restored.rows - 2);
    expect((await content(`${slug}-was`)).users!.some((row) => row.includes('late@x.test'))).toBe(
      true,
    );
  });
});

describe('an archive of an older schema', () => {
  it('is staged at its migration, migrated forward, then restored; a newer one is refused', async () => {
    const old = await createTestDatabase({ migrated: false });
    try {
      const cut = migrations.findIndex(
        (m) => m.name === '20261203160000_audit_details_out_of_chain',
      );
      await migrateTarget(
        { label: 'old', connectionString: old.ownerUrl },
        migrations.slice(0, cut),
      );
      const id = (await import('node:crypto')).randomUUID();
      await withClient(old.ownerUrl, async (owner) => {
        await owner.query(
          "INSERT INTO clinics (id, slug, name) VALUES ($1, 'vintage', 'Vintage')",
          [id],
        );
        await seedClinicRows(owner, id, 'vintage');
      });
      const out = path.join(dir, 'vintage.tar');
      const exported = await exportClinic('vintage', {
        ownerUrl: old.ownerUrl,
        signingKey: KEY,
        out,
      });
      expect(exported.migration).toBe(migrations[cut - 1]!.name);

      const restored = await restoreClinic(
        out,
        { kind: 'copy', slug: `vintage-${run}` },
        options(),
      );
      expect(restored.migrated).toEqual(migrations.slice(cut).map((m) => m.name));
      expect(restored.rows).toBe(exported.rows);
      expect(await chainBreaks(`vintage-${run}`)).toEqual([]);

      await expect(
        restoreClinic(
          out,
          { kind: 'copy', slug: `vintage2-${run}` },
          { ...options(), migrations: migrations.slice(0, cut - 2) },
        ),
      ).rejects.toMatchObject({ code: 'MIGRATION_NEWER' });
    } finally {
      await old.drop();
    }
  });
});

describe('an archive of format /2 (JSON Lines, before CSV)', () => {
  /** Writes `slug`'s rows as format /2 did: JSON Lines in key order, each file's lines digested. */
  async function exportAsFormat2(slug: string, out: string): Promise<number> {
    const clinic = await withClient(db.ownerUrl, (owner) => readRegistryClinic(owner, slug));
    const { connectionString, schema } = clinicRows(clinic, db.ownerUrl);
    const files: { name: string; data: Buffer }[] = [];
    const tables: ArchivedTable[] = [];
    await withClient(connectionString, async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await pinCanonicalSettings(client, clinic.id);
      for (const [index, table] of (await listTenantTables(client, schema)).entries()) {
        const lines = digestLines();
        const parts: Buffer[] = [];
        const collect = new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            parts.push(chunk);
            done();
          },
        });
        await pipeline(copyJsonLines(client, schema, table, clinic.id), lines, collect);
        const data = gzipSync(Buffer.concat(parts));
        const file = `tables/${String(index + 1).padStart(3, '0')}-${table.name}.jsonl.gz`;
        files.push({ name: file, data });
        const { rows, sha256 } = lines.result();
        tables.push({
          table: table.name,
          file,
          rows,
          sha256: createHash('sha256').update(data).digest('hex'),
          linesSha256: sha256,
        });
      }
      await client.query('COMMIT');
    });
    const manifest = signManifest(
      {
        format: 'eventora.clinic-archive/2',
        createdAt: new Date().toISOString(),
        clinic: { id: clinic.id, slug: clinic.slug, name: clinic.name, mode: clinic.mode },
        migration: migrations.at(-1)!.name,
        tables,
        auditHead: null,
      },
      KEY,
    );
    await packEntries(out, [
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
      ...files,
    ]);
    return tables.reduce((sum, table) => sum + table.rows, 0);
  }

  it('still restores: an older backup brings back every row and column', async () => {
    const slug = `v2-${run}`;
    await clinicWithRows(slug, 'shared');
    const out = path.join(dir, `${slug}.tar`);
    const rows = await exportAsFormat2(slug, out);

    const restored = await restoreClinic(out, { kind: 'copy', slug: `${slug}-copy` }, options());
    expect(restored.rows).toBe(rows);
    const [original, copy] = [await content(slug), await content(`${slug}-copy`)];
    for (const table of Object.keys(original).filter(
      (name) => !['sessions', 'password_reset_tokens', 'audit_logs'].includes(name),
    )) {
      expect(copy[table], table).toEqual(original[table]);
    }
    expect(await chainBreaks(`${slug}-copy`)).toEqual([]);
  });
});

describe('an archive of format /3 (gzip, before Brotli)', () => {
  it('still restores: every row and column comes back, verified against its digests', async () => {
    const slug = `v3-${run}`;
    await clinicWithRows(slug, 'schema');
    const current = path.join(dir, `${slug}-v4.tar`);
    const exported = await exportClinic(slug, { ...options(), out: current });
    // The same archive as format /3 wrote it: each table file gzip'd instead, re-signed.
    const [manifestEntry, ...files] = await entries(current);
    const { signature: _, ...manifest } = JSON.parse(
      manifestEntry!.data.toString(),
    ) as ArchiveManifest & { signature: string };
    const v3 = files.map((file) => ({
      name: file.name.replace(/\.csv\.br$/, '.csv.gz'),
      data: gzipSync(brotliDecompressSync(file.data)),
    }));
    const signed = signManifest(
      {
        ...manifest,
        format: 'eventora.clinic-archive/3',
        tables: manifest.tables.map((table, index) => ({
          ...table,
          file: v3[index]!.name,
          sha256: createHash('sha256').update(v3[index]!.data).digest('hex'),
        })),
      },
      KEY,
    );
    const out = path.join(dir, `${slug}-v3.tar`);
    await packEntries(out, [
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(signed)) },
      ...v3,
    ]);

    const restored = await restoreClinic(out, { kind: 'copy', slug: `${slug}-copy` }, options());
    expect(restored.rows).toBe(exported.rows);
    const [original, copy] = [await content(slug), await content(`${slug}-copy`)];
    for (const table of Object.keys(original).filter(
      (name) => !['sessions', 'password_reset_tokens', 'audit_logs'].includes(name),
    )) {
      expect(copy[table], table).toEqual(original[table]);
    }
    expect(await chainBreaks(`${slug}-copy`)).toEqual([]);
  });
});
