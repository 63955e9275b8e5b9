import { fileURLToPath } from 'node:url';

/** Folder of Prisma-format migrations (`<timestamp>_<name>/migration.sql`), applied to every target. */
export const migrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));
