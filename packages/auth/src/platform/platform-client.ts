import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@eventora/db';

/**
 * The admin console's control-plane client, connected as `eventora_platform`: it can read
 * operators, keep their sessions and sign-in counters and manage the clinic registry, and holds
 * no grant on any tenant table (Postgres refuses those queries whatever the code asks).
 */
export type PlatformClient = PrismaClient;

export interface PlatformClientOptions {
  /** Connection URL of the `eventora_platform` role. */
  connectionString: string;
  maxConnections?: number;
}

/** Creates the platform client; the admin app makes one at start-up and passes it in. */
export function createPlatformClient({
  connectionString,
  maxConnections = 5,
}: PlatformClientOptions): PlatformClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: maxConnections }) });
}
