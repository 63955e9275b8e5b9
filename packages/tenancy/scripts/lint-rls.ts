// pnpm db:lint-rls [--runtime-role eventora_app]
//
// Checks every target's tenant-isolation guards in the catalog (see src/rls-lint): the shared
// database (DATABASE_OWNER_URL, or the embedded development database when it is unset; schema
// public), each schema-mode clinic of its registry, and each database-mode clinic whose
// database_url_ref names an environment variable holding its URL. Prints each target with OK or its findings, and changes nothing.
// Exit code: 1 when any target has a finding; otherwise 2 when a target could not be checked
// (connection error, unresolvable database clinic); 0 when every target passes.
import { parseArgs } from 'node:util';
import {
  formatFinding,
  lintRlsTargets,
  registryTargets,
  type TargetLintResult,
  type UnresolvedTarget,
} from '../src/rls-lint';
import { ownerDatabase } from './env';

const { values: args } = parseArgs({
  options: { 'runtime-role': { type: 'string', default: 'eventora_app' } },
});

/** A database clinic's URL lives in the environment variable its registry entry names. */
function resolveFromEnvironment(ref: string): string {
  const url = process.env[ref];
  if (!url)
    throw new Error(`its database_url_ref names ${ref}, which is not set in the environment`);
  if (!URL.canParse(url) || !/^postgres(ql)?:$/.test(new URL(url).protocol))
    throw new Error(`environment variable ${ref} is not a postgresql:// URL`);
  return url;
}

async function main(): Promise<number> {
  const { ownerUrl, release } = await ownerDatabase();
  try {
    return await lint(ownerUrl);
  } finally {
    await release();
  }
}

async function lint(ownerUrl: string): Promise<number> {
  const runtimeRole = args['runtime-role'];
  let listed: Awaited<ReturnType<typeof registryTargets>>;
  try {
    listed = await registryTargets(ownerUrl, { resolveDatabaseUrl: resolveFromEnvironment });
  } catch (error) {
    console.error(`Cannot read the registry of the shared database: ${message(error)}`);
    return 2;
  }
  console.log(
    `RLS lint of ${listed.targets.length + listed.unresolved.length} target(s), runtime role ${runtimeRole}`,
  );
  const results = await lintRlsTargets(listed.targets, { runtimeRole });
  for (const result of results) printResult(result);
  for (const target of listed.unresolved) printUnresolved(target);

  const findings = results.flatMap((result) => ('findings' in result ? result.findings : []));
  const failing = results.filter((result) => 'findings' in result && result.findings.length > 0);
  const unchecked = results.filter((result) => 'error' in result).length + listed.unresolved.length;
  console.log(
    `\n${findings.length} finding(s) in ${failing.length} target(s)` +
      (unchecked > 0 ? `; ${unchecked} target(s) not checked` : ''),
  );
  return findings.length > 0 ? 1 : unchecked > 0 ? 2 : 0;
}

function printResult(result: TargetLintResult): void {
  const name = `${result.target} (${result.schema})`;
  if ('error' in result) {
    console.log(`ERROR      ${name}: ${result.error}`);
  } else if (result.findings.length === 0) {
    console.log(`OK         ${name}`);
  } else {
    console.log(`FAILED     ${name}: ${result.findings.length} finding(s)`);
    for (const finding of result.findings) console.log(`  ${formatFinding(finding)}`);
  }
}

function printUnresolved(target: UnresolvedTarget): void {
  console.log(`UNCHECKED  ${target.label}: ${target.reason}`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(message(error));
    process.exit(2);
  },
);
