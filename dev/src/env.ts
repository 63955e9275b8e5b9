// pnpm dev's configuration, read and checked in one place.
import { embeddedDevDatabase } from '@eventora/db/dev';

export interface DevConfig {
  /** The runtime role's URL of an existing server; unset means "start the embedded one". */
  databaseUrl?: string;
  /** The owner role's URL on that server (migrations and seed). */
  ownerUrl?: string;
  /** The admin console's control-plane role URL on that server. */
  platformUrl?: string;
  /** The portal's request-stats writer's URL on that server (eventora_portal_stats). */
  portalStatsUrl?: string;
  /** Port of the embedded Postgres (127.0.0.1 only). */
  embeddedPort: number;
}

function postgresUrl(name: string): string | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  if (!URL.canParse(value) || !/^postgres(ql)?:$/.test(new URL(value).protocol)) {
    throw new Error(`${name} is not a postgresql:// URL.`);
  }
  return value;
}

export function devConfig(): DevConfig {
  const port = Number(process.env.EVENTORA_DEV_DB_PORT ?? 54329);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error('EVENTORA_DEV_DB_PORT must be a TCP port number.');
  }
  return {
    databaseUrl: postgresUrl('DATABASE_URL'),
    ownerUrl: postgresUrl('DATABASE_OWNER_URL'),
    platformUrl: postgresUrl('DATABASE_PLATFORM_URL'),
    portalStatsUrl: postgresUrl('DATABASE_PORTAL_STATS_URL'),
    embeddedPort: port,
  };
}

/**
 * pnpm db:seed's database, outside production only: DATABASE_OWNER_URL, or with none set the
 * embedded development database (`release` stops it if the command started it).
 */
export async function seedDatabase(): Promise<{ ownerUrl: string; release: () => Promise<void> }> {
  // Every demo account shares one published password: never let it near real users.
  if (process.env.NODE_ENV === 'production') {
    throw new Error('Refusing to seed demo accounts with NODE_ENV=production.');
  }
  const ownerUrl = postgresUrl('DATABASE_OWNER_URL');
  if (ownerUrl) return { ownerUrl, release: async () => {} };
  const embedded = await embeddedDevDatabase({ port: devConfig().embeddedPort });
  console.error(`DATABASE_OWNER_URL is not set: using ${embedded.description}.`);
  return { ownerUrl: embedded.ownerUrl, release: embedded.release };
}

/** The apps' environment: ours, plus the database URLs (which override inherited ones). */
export function appEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  // Output goes through a pipe to be prefixed; keep Next's colours when we have a terminal.
  if (process.stdout.isTTY && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';
  return env;
}
