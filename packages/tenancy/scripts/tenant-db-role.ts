// pnpm tenant:db-role <slug> [--rotate [--grace-minutes N] | --retire [--now]]
//
// Creates a database-mode clinic's roles on the server of its database (a group and its first
// login role), or re-asserts them; rotates its password without downtime (two login roles);
// then lints every clinic role of that server (see HELP).
import { parseArgs } from 'node:util';
import pg from 'pg';

import { sameServerDatabase, withDatabase } from '../src/provisioning/database-url';
import {
  clinicRoleName,
  ensureClinicRole,
  lintClinicRoles,
  retireClinicRoles,
  rotateClinicRole,
} from '../src/provisioning/clinic-role';
import { ownerDatabase } from './env';

const HELP = `Usage: pnpm tenant:db-role <slug> [--rotate [--grace-minutes N] | --retire [--now]]

Gives a database-mode clinic its own roles: a group eventora_clinic_<slug> that may connect to
the clinic's database alone and works there as the runtime role (row level security on), and
two login roles in it, <group>_a and <group>_b. The first run creates <group>_a with the
password secret; publish its URL as the runtime secret <REF>. Then checks every clinic role of
that server: none may connect to another clinic's database.

  --rotate            a new password without downtime: set the secret to the new password and
                      run this. The idle login role gets it and becomes live (publish the URL
                      the command prints as <REF>); the old one keeps working for the grace,
                      while every process reloads the secret, then its password is refused.
  --grace-minutes N   the grace of --rotate (default 60)
  --retire            take LOGIN away from a login role whose grace is over (a later --rotate
                      does it too; needed where the server trusts connections without a
                      password, since only password authentication checks the end of validity)
  --now               with --retire: also the one whose grace still runs

Environment:
  DATABASE_OWNER_URL          owner role, shared database (reads the registry)
  CLINIC_<SLUG>_DB_PASSWORD   the clinic's (new) password (slug upper-cased, '-' as '_')
  DATABASE_ADMIN_URL          a role with CREATEROLE on the shared server, for a clinic whose
                              database_url_ref is database:<name>
  <REF>_ADMIN                 the same on the clinic's server, for a database_url_ref REF;
                              <REF>_OWNER names its database (as for pnpm db:migrate)

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
    options: {
      rotate: { type: 'boolean', default: false },
      'grace-minutes': { type: 'string' },
      retire: { type: 'boolean', default: false },
      now: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const [slug, ...extra] = positionals;
  if (!slug || extra.length > 0) throw new UsageError(`Give one clinic slug.\n\n${HELP}`);
  if (values.rotate && values.retire) throw new UsageError('Use one of --rotate, --retire.');
  if (values['grace-minutes'] !== undefined && !values.rotate)
    throw new UsageError('--grace-minutes goes with --rotate.');
  if (values.now && !values.retire) throw new UsageError('--now goes with --retire.');
  const graceMinutes = Number(values['grace-minutes'] ?? 60);
  if (!Number.isFinite(graceMinutes) || graceMinutes < 0)
    throw new UsageError('--grace-minutes takes a number of minutes (0 or more).');

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
  const password = values.retire ? '' : secret(passwordSecret(slug));

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if (values.retire) {
      const retired = await retireClinicRoles(admin, role, { now: values.now });
      console.log(retired.length ? `retired ${retired.join(', ')}` : 'no login role to retire');
    } else if (values.rotate) {
      const rotation = await rotateClinicRole(admin, role, password, {
        graceSeconds: graceMinutes * 60,
      });
      console.log(
        `rotated ${role}: publish <${ref}> with the user ${rotation.role} and the new password now; ${rotation.retiring} keeps working until ${rotation.retiresAt.toISOString()}, then run --retire`,
      );
    } else {
      const existed = (await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]))
        .rowCount;
      const live = await ensureClinicRole(admin, { role, database, password });
      console.log(
        `${existed ? 'checked' : 'created'} ${role}: CONNECT on ${database} only; its live login role is ${live}`,
      );
    }
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
