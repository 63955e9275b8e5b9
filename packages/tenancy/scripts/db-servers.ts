// pnpm db:servers [list] | add <name> --url-ref NAME --capacity N [--region R] | open|drain|close <name>
//
// The database servers of the registry, where database-mode clinics are placed (see HELP).
import { parseArgs } from 'node:util';
import pg from 'pg';

import {
  listDatabaseServers,
  registerDatabaseServer,
  setDatabaseServerState,
  type DatabaseServerState,
} from '../src/provisioning/database-servers';
import { ownerDatabase } from './env';

const HELP = `Usage: pnpm db:servers [list]
       pnpm db:servers add <name> --url-ref SECRET --capacity N [--region R]
       pnpm db:servers open|drain|close <name>

The PostgreSQL servers database-mode clinics are placed on (docs/scale-out.md). A new clinic
goes to the open server (of its region) with the most room left; a draining server keeps its
clinics and takes no new one; a closed one takes none. --url-ref names the secret holding the
owner role's URL of the server, never the URL itself.

Environment: DATABASE_OWNER_URL (owner role, shared database; the embedded development database
when unset).

Exit codes: 0 done; 1 failed (the database refused: a taken name, a bad secret name…); 2 bad
arguments.`;

const STATES: Record<string, DatabaseServerState> = {
  open: 'open',
  drain: 'draining',
  close: 'closed',
};

class UsageError extends Error {}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'url-ref': { type: 'string' },
        capacity: { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parse();
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [verb = 'list', name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(HELP);
  if (verb !== 'list' && !name) throw new UsageError(`${verb} needs a server name.\n\n${HELP}`);
  if (verb !== 'list' && verb !== 'add' && !STATES[verb]) throw new UsageError(HELP);
  const capacity = Number(values.capacity);
  if (verb === 'add' && (!values['url-ref'] || !Number.isInteger(capacity) || capacity < 1))
    throw new UsageError(`add needs --url-ref SECRET and --capacity N (a positive integer).`);

  const { ownerUrl, release } = await ownerDatabase();
  const owner = new pg.Client({ connectionString: ownerUrl });
  try {
    await owner.connect();
    if (verb === 'add') {
      await registerDatabaseServer(owner, {
        name: name!,
        urlRef: values['url-ref']!,
        capacity,
        ...(values.region ? { region: values.region } : {}),
      });
    } else if (verb !== 'list') {
      await setDatabaseServerState(owner, name!, STATES[verb]!);
    }
    for (const server of await listDatabaseServers(owner)) {
      console.log(
        `${server.name.padEnd(20)} ${server.state.padEnd(9)} ${server.region.padEnd(12)} ` +
          `${server.clinics}/${server.capacity} clinics  secret ${server.urlRef}`,
      );
    }
    return 0;
  } finally {
    await owner.end().catch(() => undefined);
    await release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
