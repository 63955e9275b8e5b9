import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { backupKey, download, sha256File, type BackupStore } from './backup-store';
import { openBackupStore } from './open-store';

let dir: string;
let s3: S3rver;
let endpoint: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'eventora-store-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(dir, 's3rver'),
    configureBuckets: [{ name: 'backups', configs: [] }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3?.close();
  await rm(dir, { recursive: true, force: true });
});

const stores: [string, () => BackupStore][] = [
  ['a local directory', () => openBackupStore(path.join(dir, 'local'))],
  [
    'an S3 bucket (s3rver)',
    () =>
      openBackupStore('s3://backups/nightly/eu', {
        S3_ENDPOINT: endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
      }),
  ],
];

describe.each(stores)('backup store in %s', (_name, open) => {
  it('puts files, lists them by clinic oldest first, reads them back byte for byte, deletes them', async () => {
    const store = open();
    const [clinic, other] = [randomUUID(), randomUUID()];
    const file = path.join(dir, `${randomBytes(4).toString('hex')}.tar`);
    await writeFile(file, randomBytes(300_000));
    const keys = [
      backupKey(clinic, new Date('2026-11-01T00:30:00Z'), randomUUID()),
      backupKey(clinic, new Date('2026-11-02T00:30:00Z'), randomUUID()),
    ];
    for (const key of keys.toReversed())
      expect(await store.put(key, file)).toEqual({ bytes: 300_000 });
    await store.put(backupKey(other, new Date(), randomUUID()), file);

    const listed = await store.list(clinic);
    expect(listed.map((o) => o.key)).toEqual(keys);
    expect(listed.map((o) => o.bytes)).toEqual([300_000, 300_000]);

    const back = path.join(dir, 'back.tar');
    expect(await download(store, keys[0]!, back)).toBe(await sha256File(file));
    expect(await readFile(back)).toEqual(await readFile(file));

    await store.delete(keys[0]!);
    await store.delete(keys[0]!);
    expect((await store.list(clinic)).map((o) => o.key)).toEqual([keys[1]]);
    expect(await store.list(other)).toHaveLength(1);
    await expect(store.read(keys[0]!)).rejects.toMatchObject({ code: 'BACKUP_NOT_FOUND' });
  });

  it('refuses a key that would leave the clinic folder', async () => {
    const store = open();
    await expect(store.read(`${randomUUID()}/../../etc/passwd`)).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
    await expect(store.put('../x.tar', __filename)).rejects.toMatchObject({
      code: 'BACKUP_NOT_FOUND',
    });
  });
});

describe('openBackupStore', () => {
  it('refuses no store and an s3 URL without a bucket', () => {
    expect(() => openBackupStore(undefined)).toThrow(/BACKUP_STORE/);
    expect(() => openBackupStore('')).toThrow(expect.objectContaining({ code: 'STORE_MISSING' }));
    expect(() => openBackupStore('s3:///prefix')).toThrow(
      expect.objectContaining({ code: 'STORE_MISSING' }),
    );
    expect(openBackupStore('s3://bucket/a/b/').location).toBe('s3://bucket/a/b');
  });
});
