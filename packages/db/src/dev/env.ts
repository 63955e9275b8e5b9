// The development database's configuration, read in one place.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `pnpm dev` keeps the embedded server's data: `<repo>/.data/postgres`, or
 * EVENTORA_DEV_DATA_DIR (a second development database beside the first, or a test's).
 */
export const DEV_DATA_DIR = process.env.EVENTORA_DEV_DATA_DIR
  ? path.resolve(process.env.EVENTORA_DEV_DATA_DIR)
  : fileURLToPath(new URL('../../../../.data/postgres', import.meta.url));
