// pnpm tenant:db-role <slug>
//
// Creates a database-mode clinic's own login role on the server of its database, or re-asserts
// it with the password its secret holds now (that is the rotation), then lints every clinic role
// of that server (see HELP).
import { parseArgs } from 'node:util';
import pg from 'pg';

import { sameServerDatabase, withDatabase } from '../src/provisioning/database-url';
import { clinicRoleName, ensureClinicRole, lintClinicRoles } from '../src/provisioning/clinic-role';
import { ownerDatabase } from './env';

const HELP = `Usage: pnpm tenant:db-role <slug>

Gives a database-mode clinic its own login role, which may connect to the clinic's database
alone and works there as the runtime role (row level security on); run again after changing
the password secret to rotate it (open sessions stay; new ones need the new password). Then
checks every clinic role of that server: none may connect to another clinic's database.

Environment:
  DATABASE_OWNER_URL          owner role, shared database (reads the registry)
  CLINIC_<SLUG>_DB_PASSWORD   the clinic role's password (slug upper-cased, '-' as '_')
  DATABASE_ADMIN_URL          a role with CREATEROLE on the shared server, for a clinic whose
                              database_url_ref is database:<name>
  <REF>_ADMIN                 the same on the clinic's server, for a database_url_ref REF;
                              <REF>_OWNER names its database (as for pnpm db:migrate)
After a rotation, update the runtime URL secret <REF> with the new password too.

Exit codes: 0 done and every clinic role of the server passes; 1 a clinic role reaches another
database (listed), or the command failed; 2 bad arguments or configuration: nothing was changed.`;

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

/** The secret holding a clinic role's password. */
function passwordSecret(slug: string): string {
  return `CLINIC_${slug.toUpperCase().replaceAll('-', '_')}_DB_PASSWORD`;
}

function secret(name: string): string {
  const value = process.env[name];
  if (!value) throw new UsageError(`The secret ${name} is not set.`);
  return value;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0) throw new UsageError(`Give one clinic slug.\n\n${HELP}`);

  const { ownerUrl, release } = await ownerDatabase();
  let ref: string;
  try {
    const registry = new pg.Client({ connectionString: ownerUrl });
    await registry.connect();
    try {
      const { rows } = await registry.query<{ ref: string | null }>(
        "SELECT database_url_ref AS ref FROM clinics WHERE slug = $1 AND mode = 'database'",
        [slug],
      );
      if (!rows[0]?.ref) throw new UsageError(`No database-mode clinic ${slug} in the registry.`);
      ref = rows[0].ref;
    } finally {
      await registry.end();
    }
  } finally {
    await release();
  }

  const role = clinicRoleName(slug);
  const sameServer = sameServerDatabase(ref);
  const database =
    sameServer ?? decodeURIComponent(new URL(secret(`${ref}_OWNER`)).pathname.slice(1));
  // The lint tells a clinic's database by the role's name: they must be the same.
  if (database !== role) {
    throw new UsageError(
      `Clinic ${slug}'s database is ${database}; its role would be ${role}. Move it to a database named ${role} first.`,
    );
  }
  const adminUrl = withDatabase(
    sameServer ? secret('DATABASE_ADMIN_URL') : secret(`${ref}_ADMIN`),
    database,
  );
  const password = secret(passwordSecret(slug));

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const existed = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]))
      .rowCount;
    await ensureClinicRole(admin, { role, database, password });
    console.log(`${existed ? 'rotated' : 'created'} ${role}: CONNECT on ${database} only`);
    const findings = await lintClinicRoles(admin);
    for (const finding of findings) console.log(`FAILED  ${finding.role}: ${finding.message}`);
    console.log(
      findings.length === 0
        ? 'every clinic role of this server reaches its own database only'
        : `${findings.length} finding(s)`,
    );
    return findings.length === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? EXIT.usage : EXIT.failed);
  },
);
