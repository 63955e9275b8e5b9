// The scripts' configuration, read and checked in one place.
import { embeddedDevDatabase } from '@eventora/db/dev-database';

/**
 * The owner role's URL (it owns the tables and runs migrations): DATABASE_OWNER_URL, or with
 * none set, the embedded development database of `pnpm dev` (started for the command if
 * `pnpm dev` is not running). `release` stops what the command started.
 */
export async function ownerDatabase(): Promise<{ ownerUrl: string; release: () => Promise<void> }> {
  const value = process.env.DATABASE_OWNER_URL;
  if (!value) {
    const embedded = await embeddedDevDatabase({
      port: Number(process.env.EVENTORA_DEV_DB_PORT ?? 54329),
    });
    console.error(`DATABASE_OWNER_URL is not set: using ${embedded.description}.`);
    return { ownerUrl: embedded.ownerUrl, release: embedded.release };
  }
  if (!URL.canParse(value) || !/^postgres(ql)?:$/.test(new URL(value).protocol)) {
    throw new Error('DATABASE_OWNER_URL is not a postgresql:// URL.');
  }
  return { ownerUrl: value, release: async () => {} };
}
