import type { ClientBase } from 'pg';
import { ROLES } from '@eventora/db/roles';
import {
  readCreatePrivileges,
  readDistributionKeyViolations,
  readOwnedObjects,
  readPolicies,
  readRuntimeGrants,
  readRuntimeRoles,
  readSecurityDefiners,
  readTenantTables,
  readViews,
  schemaExists,
  type CreatePrivileges,
  type DistributionKeyRow,
  type PolicyRow,
  type SecurityDefinerRow,
  type TenantTableRow,
} from './catalog-queries';
import { sqlName, type RlsFinding } from './findings';
import { forbiddenGrants } from './forbidden-grants';
import { bindsToCurrentTenant, excerpt } from './policy-expression';

/** What to lint: one schema of the database the client is connected to. */
export interface LintRlsOptions {
  /** The target's schema: `public` for the shared database, `clinic_<slug>` for a schema clinic. */
  schema: string;
  /** The role the apps connect as (default `eventora_app`). */
  runtimeRole?: string;
}

const BOUND_CLINIC = `clinic_id = (SELECT nullif(current_setting('app.current_tenant', true), '')::uuid)`;

/**
 * Reads the catalog of one schema and returns every tenant-isolation guard it finds broken
 * (none means the schema passes): row level security enabled and forced, a restrictive
 * tenant policy and a `clinic_id`-leading index on every table with `clinic_id`; a runtime
 * role that owns nothing, is no superuser, has no BYPASSRLS and no dangerous grant; views
 * with `security_invoker`; SECURITY DEFINER functions with a safe pinned `search_path`; and
 * every unique key, exclusion constraint and foreign key of a tenant table carrying clinic_id,
 * so the schema stays distributable by clinic_id (Citus).
 * Only reads; any role that can connect may run it.
 */
export async function lintRls(
  client: ClientBase,
  { schema, runtimeRole = ROLES.app }: LintRlsOptions,
): Promise<RlsFinding[]> {
  if (!(await schemaExists(client, schema))) {
    return [
      {
        rule: 'schema-missing',
        object: sqlName(schema),
        message: `The schema does not exist, so nothing in it is guarded. Fix: migrate the target, or correct the registry's schema_name.`,
      },
    ];
  }
  const tables = await readTenantTables(client, schema);
  const policies = await readPolicies(client, schema, runtimeRole);
  const creatable = await readCreatePrivileges(client, runtimeRole);
  return [
    ...tableFindings(schema, tables, policies, runtimeRole),
    ...distributionKeyFindings(schema, await readDistributionKeyViolations(client, schema)),
    ...(await roleFindings(client, schema, runtimeRole, creatable)),
    ...(await viewFindings(client, schema, runtimeRole)),
    ...(await securityDefinerFindings(client, schema, runtimeRole, creatable)),
  ];
}

function tableFindings(
  schema: string,
  tables: TenantTableRow[],
  policies: PolicyRow[],
  runtimeRole: string,
): RlsFinding[] {
  if (tables.length === 0) {
    return [
      {
        rule: 'no-tenant-tables',
        object: sqlName(schema),
        message: `No table here has a clinic_id column, so the lint checked nothing: an unmigrated target or the wrong schema. Fix: migrate it or point the lint at the right schema.`,
      },
    ];
  }
  return tables.flatMap((table) => {
    const name = sqlName(schema, table.table);
    const findings: RlsFinding[] = [];
    if (!table.rlsEnabled) {
      findings.push({
        rule: 'rls-disabled',
        object: name,
        message: `Row level security is off: its policies are ignored and the runtime role reads every clinic's rows. Fix: ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY.`,
      });
    }
    if (!table.rlsForced) {
      findings.push({
        rule: 'rls-not-forced',
        object: name,
        message: `Row level security is not forced: the table owner (migrations, owner-run jobs) bypasses every policy. Fix: ALTER TABLE ${name} FORCE ROW LEVEL SECURITY.`,
      });
    }
    findings.push(
      ...restrictivePolicyFindings(
        name,
        policies.filter((policy) => policy.table === table.table && !policy.permissive),
        runtimeRole,
      ),
    );
    if (!table.hasClinicIndex) {
      findings.push({
        rule: 'clinic-index-missing',
        object: name,
        message: `No index leads with clinic_id: every policy-filtered query scans all clinics' rows, and the key is not Citus-ready. Fix: lead the primary key or an index with clinic_id.`,
      });
    }
    return findings;
  });
}

/**
 * Keys that would not survive distribution by clinic_id. They matter for isolation too: a
 * unique key without clinic_id answers "taken" for another clinic's value (an existence
 * oracle), and a foreign key without it can point a row at another clinic's row.
 */
function distributionKeyFindings(schema: string, rows: DistributionKeyRow[]): RlsFinding[] {
  return rows.map((row): RlsFinding => {
    const object = `${sqlName(schema, row.table)} ${sqlName(row.name)}`;
    switch (row.kind) {
      case 'unique':
        return {
          rule: 'distribution-key-unique',
          object,
          message: `A unique key without clinic_id (${row.definition}): it is global across clinics (another clinic's value reads as taken) and Citus cannot enforce it on a table distributed by clinic_id. Fix: make it unique on (clinic_id, …).`,
        };
      case 'exclusion':
        return {
          rule: 'distribution-key-exclusion',
          object,
          message: `An exclusion constraint without clinic_id WITH = (${row.definition}): it compares rows across clinics, and Citus cannot enforce it on a table distributed by clinic_id. Fix: add clinic_id WITH = to it.`,
        };
      case 'foreign-key':
        return {
          rule: 'distribution-key-foreign-key',
          object,
          message: `A foreign key to another tenant table that does not pair clinic_id with clinic_id (${row.definition}): a row can point at another clinic's row, and Citus cannot keep it between tables distributed by clinic_id. Fix: reference (clinic_id, id).`,
        };
      case 'reference-to-tenant':
        return {
          rule: 'distribution-key-foreign-key',
          object,
          message: `A table without clinic_id references a tenant table (${row.definition}): under Citus it is a reference table, and a reference table cannot point into a table distributed by clinic_id. Fix: give it clinic_id and reference (clinic_id, id), or drop the constraint.`,
        };
    }
  });
}

/**
 * Restrictive policies are ANDed with everything else, so one sound one is the wall; only when
 * none is sound are the defects of each reported.
 */
function restrictivePolicyFindings(
  table: string,
  restrictive: PolicyRow[],
  runtimeRole: string,
): RlsFinding[] {
  if (restrictive.length === 0) {
    return [
      {
        rule: 'restrictive-policy-missing',
        object: table,
        message: `No RESTRICTIVE policy: permissive policies are ORed, so any one added later widens access across clinics. Fix: CREATE POLICY tenant_isolation ON ${table} AS RESTRICTIVE FOR ALL USING (${BOUND_CLINIC}) WITH CHECK (same).`,
      },
    ];
  }
  const defects = restrictive.map((policy) => policyDefects(table, policy, runtimeRole));
  return defects.some((list) => list.length === 0) ? [] : defects.flat();
}

function policyDefects(table: string, policy: PolicyRow, runtimeRole: string): RlsFinding[] {
  const object = `${table} policy ${sqlName(policy.name)}`;
  const findings: RlsFinding[] = [];
  if (!bindsToCurrentTenant(policy.using)) {
    findings.push({
      rule: 'restrictive-policy-using',
      object,
      message: `USING does not tie clinic_id to app.current_tenant (it reads: ${excerpt(policy.using)}), so it walls nothing. Fix: USING (${BOUND_CLINIC}).`,
    });
  }
  if (policy.withCheck === null) {
    findings.push({
      rule: 'restrictive-policy-with-check',
      object,
      message: `No WITH CHECK: writes are checked only while Postgres reuses USING for a FOR ALL policy, which stops silently once it is narrowed. Fix: add WITH CHECK (${BOUND_CLINIC}).`,
    });
  } else if (!bindsToCurrentTenant(policy.withCheck)) {
    findings.push({
      rule: 'restrictive-policy-with-check',
      object,
      message: `WITH CHECK does not tie clinic_id to app.current_tenant (it reads: ${excerpt(policy.withCheck)}): a request can write rows into another clinic. Fix: WITH CHECK (${BOUND_CLINIC}).`,
    });
  }
  if (policy.command !== 'ALL') {
    findings.push({
      rule: 'restrictive-policy-command',
      object,
      message: `Applies to ${policy.command} only: the other commands are not walled by it. Fix: recreate it FOR ALL.`,
    });
  }
  if (!policy.appliesToRuntime) {
    findings.push({
      rule: 'restrictive-policy-roles',
      object,
      message: `Applies to ${policy.roles.join(', ')}, not to the runtime role ${runtimeRole}: the app's queries pass it by. Fix: recreate it without TO (PUBLIC).`,
    });
  }
  return findings;
}

async function roleFindings(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
  creatable: CreatePrivileges,
): Promise<RlsFinding[]> {
  const roles = await readRuntimeRoles(client, runtimeRole);
  const runtime = roles.find((role) => role.isRuntime);
  const roleName = `role ${sqlName(runtimeRole)}`;
  if (!runtime) {
    return [
      {
        rule: 'runtime-role-missing',
        object: roleName,
        message: `The runtime role does not exist, so its ownership, attributes and grants went unchecked. Fix: bootstrap the roles (packages/db/src/roles.ts) or name the right runtime role.`,
      },
    ];
  }
  const findings: RlsFinding[] = [];
  for (const role of roles) {
    const via = role.isRuntime ? '' : ` through its membership in ${sqlName(role.role)}`;
    const object = role.isRuntime ? roleName : `${roleName} (member of ${sqlName(role.role)})`;
    if (role.superuser) {
      findings.push({
        rule: 'runtime-role-superuser',
        object,
        message: `The runtime role is a superuser${via}: row level security never applies to it. Fix: ${role.isRuntime ? `ALTER ROLE ${sqlName(runtimeRole)} NOSUPERUSER` : `REVOKE ${sqlName(role.role)} FROM ${sqlName(runtimeRole)}`}.`,
      });
    }
    if (role.bypassRls) {
      findings.push({
        rule: 'runtime-role-bypassrls',
        object,
        message: `The runtime role has BYPASSRLS${via}: every policy is skipped and each query sees all clinics. Fix: ${role.isRuntime ? `ALTER ROLE ${sqlName(runtimeRole)} NOBYPASSRLS` : `REVOKE ${sqlName(role.role)} FROM ${sqlName(runtimeRole)}`}.`,
      });
    }
  }
  // A superuser owns and may do everything; listing each object again would bury the finding.
  if (runtime.superuser) return findings;

  for (const owned of await readOwnedObjects(client, schema, runtimeRole)) {
    const object =
      owned.kind === 'schema' ? sqlName(owned.name) : `${sqlName(schema)}.${owned.name}`;
    const via = owned.owner === runtimeRole ? '' : ` (through ${sqlName(owned.owner)})`;
    const risk =
      owned.kind === 'schema'
        ? 'it can drop any table here and recreate it without policies'
        : owned.kind === 'function'
          ? 'it can replace the body that triggers and queries run'
          : 'an owner can disable row level security, drop policies or the object itself';
    findings.push({
      rule: 'runtime-role-owns-object',
      object,
      message: `The runtime role owns this ${owned.kind}${via}: ${risk}. Fix: ALTER ${owned.kind.toUpperCase()} ${object} OWNER TO ${ROLES.owner}.`,
    });
  }

  if (creatable.schemas.includes(schema)) {
    findings.push({
      rule: 'runtime-role-can-create',
      object: sqlName(schema),
      message: `The runtime role can CREATE in this schema: it would own what it creates (tables without policies, functions shadowing ours). Fix: REVOKE CREATE ON SCHEMA ${sqlName(schema)} FROM ${sqlName(runtimeRole)}, PUBLIC.`,
    });
  }

  for (const grant of forbiddenGrants(await readRuntimeGrants(client, schema, runtimeRole))) {
    const table = sqlName(schema, grant.table);
    findings.push({
      rule: 'runtime-role-forbidden-grant',
      object: table,
      message: `The runtime role holds ${grant.privilege}, which it must not: ${grant.risk}. Fix: REVOKE ${grant.privilege} ON ${table} FROM ${sqlName(runtimeRole)} (or from PUBLIC or the role that grants it).`,
    });
  }
  return findings;
}

async function viewFindings(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
): Promise<RlsFinding[]> {
  return (await readViews(client, schema, runtimeRole)).flatMap((view): RlsFinding[] => {
    const object = sqlName(schema, view.name);
    if (!view.materialized && !view.securityInvoker) {
      return [
        {
          rule: 'view-not-security-invoker',
          object,
          message: `The view runs with its owner's rights, not the caller's: its tables' policies see the owner, and an owner that bypasses them leaks every clinic. Fix: ALTER VIEW ${object} SET (security_invoker = on).`,
        },
      ];
    }
    if (view.materialized && view.runtimeCanRead) {
      return [
        {
          rule: 'materialized-view-readable',
          object,
          message: `The runtime role can read a materialized view, which has no row level security: it sees every clinic's rows captured at refresh. Fix: REVOKE SELECT ON ${object} FROM ${sqlName(runtimeRole)} (use a security_invoker view).`,
        },
      ];
    }
    return [];
  });
}

async function securityDefinerFindings(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
  creatable: CreatePrivileges,
): Promise<RlsFinding[]> {
  const functions = await readSecurityDefiners(client, schema, runtimeRole);
  return functions.flatMap((fn) => {
    const problem = searchPathProblem(fn, creatable.schemas, creatable.temporary);
    if (!problem) return [];
    const object = `${sqlName(schema)}.${fn.signature}`;
    return [
      {
        rule: 'security-definer-search-path' as const,
        object,
        message: `SECURITY DEFINER (runs as ${fn.owner}) and executable by the runtime role, ${problem}. Fix: ALTER FUNCTION ${object} SET search_path = ${sqlName(schema)}, pg_catalog, pg_temp (or REVOKE EXECUTE ON FUNCTION ${object} FROM PUBLIC, ${sqlName(runtimeRole)}).`,
      },
    ];
  });
}

/** Why a SECURITY DEFINER function's search_path lets its caller plant objects it will use. */
function searchPathProblem(
  fn: SecurityDefinerRow,
  creatableSchemas: string[],
  canCreateTemporary: boolean,
): string | undefined {
  if (fn.searchPath === null) {
    return `with no pinned search_path: the caller's search_path decides which tables and functions it runs as ${fn.owner}`;
  }
  const path = fn.searchPath
    .split(',')
    .map((entry) =>
      entry
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .replaceAll('""', '"'),
    )
    .filter((entry) => entry !== '');
  const open = path.find((entry) => creatableSchemas.includes(entry));
  if (open) {
    return `and its search_path (${fn.searchPath}) names ${open}, where the runtime role can create objects that shadow the ones it uses`;
  }
  if (canCreateTemporary && path.at(-1) !== 'pg_temp') {
    return `and its search_path (${fn.searchPath}) does not end with pg_temp, which is searched first and where the runtime role can create tables`;
  }
  return undefined;
}
