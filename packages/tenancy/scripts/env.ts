// The scripts' configuration, read and checked in one place.
import path from 'node:path';

import { DEV_ARCHIVE_SIGNING_KEY, embeddedDevDatabase } from '@eventora/db/dev';

import { openBackupStore, type BackupStore } from '../src/backups';

/** What a command works with: the database's roles and the archive signing key. */
export interface CommandDatabase {
  /** The owner role's URL (it owns the tables and runs migrations). */
  ownerUrl: string;
  /** The runtime role's URL (DATABASE_URL, or the embedded database's): moves verify through it. */
  appUrl: string | undefined;
  /** ARCHIVE_SIGNING_KEY, or on the embedded development database its published dev key. */
  signingKey: string;
}

/**
 * DATABASE_OWNER_URL's database, or with none set the embedded development database of `pnpm
 * dev` (started for the command if `pnpm dev` is not running). `release` stops what the command
 * started.
 */
export async function ownerDatabase(): Promise<CommandDatabase & { release: () => Promise<void> }> {
  if (process.env.DATABASE_OWNER_URL) {
    return {
      ownerUrl: databaseOwnerUrl(),
      appUrl: process.env.DATABASE_URL,
      signingKey: process.env.ARCHIVE_SIGNING_KEY ?? '',
      release: async () => {},
    };
  }
  const embedded = await embeddedDevDatabase({
    port: Number(process.env.EVENTORA_DEV_DB_PORT ?? 54329),
  });
  console.error(`DATABASE_OWNER_URL is not set: using ${embedded.description}.`);
  return {
    ownerUrl: embedded.ownerUrl,
    appUrl: process.env.DATABASE_URL ?? embedded.appUrl,
    signingKey: process.env.ARCHIVE_SIGNING_KEY ?? DEV_ARCHIVE_SIGNING_KEY,
    release: embedded.release,
  };
}

/**
 * Runs a command on `ownerDatabase()` and releases what it started before returning, so the
 * command's exit never leaves a server running.
 */
export async function withCommandDatabase<T>(
  command: (database: CommandDatabase) => Promise<T>,
): Promise<T> {
  const database = await ownerDatabase();
  try {
    return await command(database);
  } finally {
    await database.release();
  }
}

/** DATABASE_OWNER_URL, checked. */
function databaseOwnerUrl(): string {
  const value = process.env.DATABASE_OWNER_URL;
  if (!value) {
    throw new Error(
      "DATABASE_OWNER_URL is not set. It is the owner role's URL, e.g. " +
        'postgresql://eventora_owner:…@localhost:5432/eventora.',
    );
  }
  if (!URL.canParse(value) || !/^postgres(ql)?:$/.test(new URL(value).protocol)) {
    throw new Error('DATABASE_OWNER_URL is not a postgresql:// URL.');
  }
  return value;
}

/**
 * The backup store: `--store` when given, else BACKUP_STORE; a directory path (relative to where
 * pnpm was run) or `s3://bucket/prefix` with S3_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY. Refuses (STORE_MISSING) when neither is set.
 */
export function backupStore(flag: string | undefined): BackupStore {
  const spec = flag ?? process.env.BACKUP_STORE;
  const local = spec && !spec.startsWith('s3://');
  return openBackupStore(
    local ? path.resolve(process.env.INIT_CWD ?? process.cwd(), spec) : spec,
    process.env,
  );
}
