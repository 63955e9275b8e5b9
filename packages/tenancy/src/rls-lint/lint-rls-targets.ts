import pg from 'pg';
import type { MigrationTarget } from '../migrations';
import { logMessageOf, schemaOf } from '../migrations/target';
import type { RlsFinding } from './findings';
import { lintRls } from './lint-rls';

/** One target's outcome: its findings (none = it passes), or why it could not be checked. */
export type TargetLintResult =
  | { target: string; schema: string; findings: RlsFinding[] }
  | { target: string; schema: string; error: string };

/**
 * Runs {@link lintRls} on every target (a database URL and a schema, as the migration runner
 * takes them; list a deployment's with `registryTargets`), one connection per database, in
 * order. A target that cannot be reached is reported with its error and the others still run.
 */
export async function lintRlsTargets(
  targets: readonly MigrationTarget[],
  options: { runtimeRole?: string } = {},
): Promise<TargetLintResult[]> {
  const byDatabase = new Map<string, MigrationTarget[]>();
  for (const target of targets) {
    byDatabase.set(target.connectionString, [
      ...(byDatabase.get(target.connectionString) ?? []),
      target,
    ]);
  }
  const results = new Map<MigrationTarget, TargetLintResult>();
  for (const [connectionString, group] of byDatabase) {
    const client = new pg.Client({ connectionString, application_name: 'eventora-lint-rls' });
    // A dropped connection also rejects the pending query; without a listener it would crash.
    client.on('error', () => undefined);
    let connectError: string | undefined;
    try {
      await client.connect();
    } catch (error) {
      connectError = `cannot connect: ${logMessageOf(error)}`;
    }
    try {
      for (const target of group) {
        const schema = schemaOf(target);
        if (connectError) {
          results.set(target, { target: target.label, schema, error: connectError });
          continue;
        }
        try {
          const findings = await lintRls(client, { schema, runtimeRole: options.runtimeRole });
          results.set(target, { target: target.label, schema, findings });
        } catch (error) {
          results.set(target, { target: target.label, schema, error: logMessageOf(error) });
        }
      }
    } finally {
      if (!connectError) await client.end().catch(() => undefined);
    }
  }
  return targets.map((target) => results.get(target)!);
}
