import { ArchiveError } from '../archive';
import type { BackupStore } from './backup-store';
import { localBackupStore } from './local-store';
import { s3BackupStore } from './s3-store';

/** The environment a store is configured from (BACKUP_STORE and the S3 variables). */
export interface StoreEnvironment {
  BACKUP_STORE?: string;
  S3_ENDPOINT?: string;
  AWS_REGION?: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
}

/**
 * The store a spec names: `s3://bucket/prefix` (S3_ENDPOINT for an S3-compatible server,
 * AWS_REGION, and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the SDK's own credential chain
 * when those are unset), or else a directory path. Refuses an empty spec or an s3 URL without a
 * bucket (STORE_MISSING), so a misconfigured deployment never backs up to nowhere.
 */
export function openBackupStore(spec: string | undefined, env: StoreEnvironment = {}): BackupStore {
  if (!spec) {
    throw new ArchiveError(
      'STORE_MISSING',
      'No backup store: set BACKUP_STORE to a directory or s3://bucket/prefix.',
    );
  }
  if (!spec.startsWith('s3://')) return localBackupStore(spec);
  const url = new URL(spec);
  if (!url.hostname) {
    throw new ArchiveError('STORE_MISSING', `${spec} names no bucket (s3://bucket/prefix).`);
  }
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }
      : undefined;
  return s3BackupStore({
    bucket: url.hostname,
    prefix: decodeURIComponent(url.pathname),
    client: {
      endpoint: env.S3_ENDPOINT || undefined,
      region: env.AWS_REGION || 'us-east-1',
      credentials,
    },
  });
}
