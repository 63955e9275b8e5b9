import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';

import { ArchiveError } from '../archive';
import { checkKey, type BackupStore, type StoredObject } from './backup-store';

export interface S3StoreOptions {
  bucket: string;
  /** Folder inside the bucket (no leading or trailing slash), '' for the bucket's root. */
  prefix: string;
  /** The SDK's client settings: endpoint (S3-compatible servers), region, credentials. */
  client: S3ClientConfig;
}

/**
 * A backup store in an S3-compatible bucket: `s3://<bucket>/<prefix>/<clinic id>/<file>`. With an
 * endpoint set (MinIO, R2, s3rver in tests) it addresses buckets by path, which they all accept.
 * One PUT per backup (S3 takes up to 5 GB in one); the object appears whole or not at all.
 */
export function s3BackupStore(options: S3StoreOptions): BackupStore {
  const compatible = Boolean(options.client.endpoint);
  const client = new S3Client({
    forcePathStyle: compatible,
    // The SDK's default checksum trailers (aws-chunked bodies) are stored verbatim by some
    // S3-compatible servers (s3rver does: 80 bytes more per object); our own SHA-256 per
    // backup, recorded in clinic_backups and checked on every restore, covers integrity.
    ...(compatible
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
    ...options.client,
  });
  const prefix = options.prefix.replace(/^\/+|\/+$/g, '');
  const objectKey = (key: string) => (prefix ? `${prefix}/${checkKey(key)}` : checkKey(key));
  const storeKey = (name: string) => (prefix ? name.slice(prefix.length + 1) : name);
  const location = `s3://${options.bucket}${prefix ? `/${prefix}` : ''}`;
  return {
    location,
    async put(key, file) {
      const { size } = await stat(file);
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: objectKey(key),
          Body: createReadStream(file),
          ContentLength: size,
          ContentType: 'application/x-tar',
        }),
      );
      return { bytes: size };
    },
    async list(clinicId) {
      const objects: StoredObject[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: options.bucket,
            Prefix: objectKey(`${clinicId}/x`).slice(0, -1),
            ContinuationToken: token,
          }),
        );
        for (const item of page.Contents ?? []) {
          if (!item.Key) continue;
          objects.push({
            key: storeKey(item.Key),
            bytes: item.Size ?? 0,
            modifiedAt: item.LastModified ?? new Date(0),
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    async read(key) {
      try {
        const found = await client.send(
          new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }),
        );
        // In Node the SDK's body is an http.IncomingMessage: a Readable.
        return found.Body as Readable;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
          throw new ArchiveError('BACKUP_NOT_FOUND', `No backup object ${key} in ${location}.`);
        }
        throw error;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
    },
  };
}
