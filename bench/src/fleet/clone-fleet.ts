// Builds a fleet's clinic schemas by cloning one migrated schema (`--build clone`), because
// replaying the migrations into each schema is quadratic in the schemas already there
// (docs/performance.md, "Why building a fleet from empty is super-linear"): about 4.4 hours
// for 10,000. The template — the first clinic's schema — is migrated by the real runner
// (migrateTarget); its `pg_dump --schema-only` is then replayed into every other clinic's schema
// with the schema name replaced, avoiding both costs that grow with the fleet:
//
// - no `… ON ALL … IN SCHEMA` (pg_dump writes one GRANT per object), so no scan of pg_class;
// - every function of the schema is created under a name unique to the schema (`f__<n>`), so
//   each lookup by name (CREATE TRIGGER … EXECUTE FUNCTION, ALTER/REVOKE … ON FUNCTION) lists
//   one function, not one per schema; at the end of the schema each is renamed back
//   (ALTER FUNCTION f__<n>(…) RENAME TO f looks up the unique name, then the exact signature
//   only). Triggers, defaults and policies hold functions by OID, so they follow the rename;
//   function bodies are text, copied as written (check_function_bodies is off, as pg_dump sets).
//
// The ledger rows are the template's, copied. The build then proves the clones equal: the
// schema-only dump of the first, middle and last clone, schema name normalised, must equal the
// template's, and their ledgers the template's, or the build fails.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { migrateTarget, type Migration } from '@eventora/tenancy/migrations';
import { withClient } from '@eventora/tenancy/with-client';

const run = promisify(execFile);

/** Sessions that create schemas side by side (the machine has 2 cores). */
const SESSIONS = 2;

export interface CloneInput {
  /** A superuser's URL to the fleet's shared database (pg_dump, owners and grants). */
  adminUrl: string;
  /** The owner role's URL to that database (the real runner migrates the template as it). */
  ownerUrl: string;
  /** Every clinic schema, none created yet; the first becomes the template. */
  schemas: string[];
  migrations: Migration[];
  log: (line: string) => void;
}

export interface CloneReport {
  template: string;
  templateMs: number;
  cloneMs: number;
  /** Wall time per schema for each 1,000 created (index 0: the first 1,000). */
  msPerSchemaByThousand: number[];
  /** The clones whose dump and ledger were compared with the template's. */
  checked: string[];
  /** The template's dump lines that the clones' dumps show in other parentheses and casts. */
  reparsed: string[];
}

export async function cloneSchemas(input: CloneInput): Promise<CloneReport> {
  const { adminUrl, ownerUrl, schemas, migrations, log } = input;
  const [template, ...clones] = schemas;
  if (!template) throw new Error('cloneSchemas: no schemas');

  const templateStarted = Date.now();
  await migrateTarget(
    { label: template, connectionString: ownerUrl, schema: template },
    migrations,
  );
  const templateMs = Date.now() - templateStarted;
  log(`template ${template} migrated by the runner in ${templateMs} ms`);

  const dump = await dumpSchema(adminUrl, template);
  const functions = await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ name: string; args: string }>(
      `SELECT proname AS name, pg_get_function_identity_arguments(oid) AS args
         FROM pg_proc WHERE pronamespace = $1::regnamespace ORDER BY proname, oid`,
      [template],
    );
    return rows;
  });
  log(`cloning ${clones.length} schemas from ${template} (${functions.length} functions)…`);

  const cloneStarted = Date.now();
  const msPerSchemaByThousand: number[] = [];
  let done = 0;
  let chunkStarted = Date.now();
  let next = 0;
  const lane = async () => {
    await withClient(adminUrl, async (admin) => {
      while (next < clones.length) {
        const index = next++;
        // One simple-protocol query per schema: one implicit transaction, one round trip.
        await admin.query(cloneScript(dump, template, clones[index]!, index + 1, functions));
        if (++done % 1000 === 0 || done === clones.length) {
          const inChunk = done % 1000 || 1000;
          const perSchema = (Date.now() - chunkStarted) / inChunk;
          msPerSchemaByThousand.push(Number(perSchema.toFixed(1)));
          log(`  ${done}/${clones.length} cloned (${perSchema.toFixed(1)} ms a schema lately)`);
          chunkStarted = Date.now();
        }
      }
    });
  };
  await Promise.all(Array.from({ length: SESSIONS }, lane));
  const cloneMs = Date.now() - cloneStarted;

  const checked = [
    ...new Set([clones[0], clones[Math.floor(clones.length / 2)], clones.at(-1)]),
  ].filter((schema): schema is string => schema !== undefined);
  let reparsed: string[] = [];
  for (const schema of checked) reparsed = await proveEqual(adminUrl, template, schema, dump);
  log(
    `equal to the template (schema-only dump and ledger): ${checked.join(', ') || 'no clones'}; ` +
      `${reparsed.length} lines equal but for parentheses and casts:`,
  );
  for (const line of reparsed) log(`  ${line}`);
  return { template, templateMs, cloneMs, msPerSchemaByThousand, checked, reparsed };
}

/** The template's DDL for clone number `n` in `schema`, its functions renamed back at the end. */
export function cloneScript(
  dump: string,
  template: string,
  schema: string,
  n: number,
  functions: { name: string; args: string }[],
): string {
  const names = new Set(functions.map((f) => f.name));
  const unique = (name: string) => `${name}__${n}`;
  const inSchema = (text: string) => text.replace(schemaPattern(template), schema);
  // Outside dollar-quoted bodies, every call of the schema's own functions takes the unique name.
  const call = new RegExp(`\\b${template}\\.([a-z_][a-z0-9_]*)\\(`, 'g');
  const ddl = splitDollarQuoted(dump)
    .map(({ text, quoted }) =>
      quoted
        ? inSchema(text)
        : inSchema(
            text.replace(call, (whole, name: string) =>
              names.has(name) ? `${template}.${unique(name)}(` : whole,
            ),
          ),
    )
    .join('');
  const renames = functions.map(
    (f) => `ALTER FUNCTION ${schema}.${unique(f.name)}(${inSchema(f.args)}) RENAME TO ${f.name};`,
  );
  return [
    ddl,
    `INSERT INTO ${schema}."_prisma_migrations" SELECT * FROM ${template}."_prisma_migrations";`,
    ...renames,
  ].join('\n');
}

/** The dump split into dollar-quoted strings (`$$…$$`, `$tag$…$tag$`) and the text between. */
function splitDollarQuoted(sql: string): { text: string; quoted: boolean }[] {
  const parts: { text: string; quoted: boolean }[] = [];
  const quote = /\$([A-Za-z_][A-Za-z0-9_]*)?\$[\s\S]*?\$\1\$/g;
  let at = 0;
  for (const match of sql.matchAll(quote)) {
    parts.push({ text: sql.slice(at, match.index), quoted: false });
    parts.push({ text: match[0], quoted: true });
    at = match.index + match[0].length;
  }
  parts.push({ text: sql.slice(at), quoted: false });
  return parts;
}

/** The schema's name as a whole word (`clinic_bench_s1`, not the start of `clinic_bench_s10`). */
function schemaPattern(schema: string): RegExp {
  return new RegExp(`\\b${schema}\\b`, 'g');
}

/**
 * `pg_dump --schema-only -n schema`, without psql's meta-commands (`\restrict`, whose key
 * differs on every run) and with the schema's name as `as` (to compare two schemas).
 */
export async function dumpSchema(adminUrl: string, schema: string, as = schema): Promise<string> {
  const { stdout } = await run('pg_dump', ['--schema-only', '-n', schema, '-d', adminUrl], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('\\'))
    .join('\n')
    .replace(schemaPattern(schema), as);
}

/**
 * A restored dump is not always the dumped schema to the letter: PostgreSQL stores some
 * expressions in another form when it parses its own output again (`a BETWEEN x AND y AND b`
 * comes back as nested ANDs, `v IN ('a', 'b')` on a varchar with the casts moved), the same
 * meaning in other parentheses and casts. Such a line of a CHECK constraint or an index's
 * predicate reads the same without them.
 */
function sameButParenthesesAndCasts(ours: string, theirs: string): boolean {
  const bare = (line: string) => line.replace(/::[a-z ]+(\[\])?/g, '').replace(/[()\s]/g, '');
  return /CHECK|CREATE (UNIQUE )?INDEX/.test(ours) && bare(ours) === bare(theirs);
}

/**
 * Fails unless `schema`'s dump (its name normalised) equals the template's — each line, or only
 * in parentheses and casts ({@link sameButParenthesesAndCasts}; those lines are returned) — and
 * its ledger rows the template's.
 */
async function proveEqual(
  adminUrl: string,
  template: string,
  schema: string,
  templateDump: string,
): Promise<string[]> {
  const ours = templateDump.split('\n');
  const theirs = (await dumpSchema(adminUrl, schema, template)).split('\n');
  const reparsed: string[] = [];
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    if (ours[i] === theirs[i]) continue;
    if (
      ours[i] === undefined ||
      theirs[i] === undefined ||
      !sameButParenthesesAndCasts(ours[i]!, theirs[i]!)
    ) {
      throw new Error(
        `clone ${schema} differs from template ${template} at dump line ${i + 1}: ` +
          `${JSON.stringify(theirs[i])} against ${JSON.stringify(ours[i])}`,
      );
    }
    reparsed.push(ours[i]!.trim());
  }
  const ledger = (s: string) =>
    withClient(adminUrl, async (admin) => {
      const { rows } = await admin.query(
        `SELECT * FROM ${admin.escapeIdentifier(s)}."_prisma_migrations" ORDER BY migration_name`,
      );
      return JSON.stringify(rows);
    });
  if ((await ledger(schema)) !== (await ledger(template)))
    throw new Error(`clone ${schema}'s ledger differs from template ${template}'s`);
  return reparsed;
}
