import type { ClientBase } from 'pg';

// The catalog reads behind the RLS lint, one function per question. Postgres' internal "char"
// columns (relkind, polcmd) are cast to text: pg cannot parse "char". The runtime role is
// looked up by exact name (to_regrole would fold case); a missing role yields NULL, and every
// privilege function then answers NULL, read here as "no".

/** The runtime role's oid, from the query parameter holding its name. */
const runtimeOid = (param = '$2') => `(SELECT oid FROM pg_roles WHERE rolname = ${param})`;
const RUNTIME = runtimeOid();

/** A table of the schema that carries `clinic_id`, with its row level security switches. */
export interface TenantTableRow {
  table: string;
  rlsEnabled: boolean;
  rlsForced: boolean;
  /** A valid, non-partial index whose first key column is clinic_id exists. */
  hasClinicIndex: boolean;
}

export async function readTenantTables(
  client: ClientBase,
  schema: string,
): Promise<TenantTableRow[]> {
  const { rows } = await client.query<TenantTableRow>(
    `SELECT c.relname AS "table",
            c.relrowsecurity AS "rlsEnabled",
            c.relforcerowsecurity AS "rlsForced",
            EXISTS (
              SELECT 1 FROM pg_index i
               WHERE i.indrelid = c.oid AND i.indkey[0] = a.attnum
                 AND i.indisvalid AND i.indpred IS NULL
            ) AS "hasClinicIndex"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'clinic_id' AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind::text IN ('r', 'p')
      ORDER BY c.relname`,
    [schema],
  );
  return rows;
}

/**
 * A key that a table distributed by `clinic_id` (Citus) could not keep: a unique index or
 * primary key of a tenant table whose key columns leave out clinic_id; an exclusion constraint
 * without `clinic_id WITH =`; a foreign key from a tenant table to another tenant table that
 * does not pair clinic_id with clinic_id; a foreign key from a table without clinic_id (a
 * reference table under Citus) to a tenant table.
 */
export interface DistributionKeyRow {
  table: string;
  kind: 'unique' | 'exclusion' | 'foreign-key' | 'reference-to-tenant';
  /** The index's or constraint's name. */
  name: string;
  definition: string;
}

export async function readDistributionKeyViolations(
  client: ClientBase,
  schema: string,
): Promise<DistributionKeyRow[]> {
  const { rows } = await client.query<DistributionKeyRow>(
    `WITH tenant AS (
       SELECT c.oid, c.relname, a.attnum
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'clinic_id' AND NOT a.attisdropped
        WHERE n.nspname = $1 AND c.relkind::text IN ('r', 'p')
     )
     SELECT t.relname AS "table", 'unique' AS kind, i.relname AS name,
            pg_get_indexdef(x.indexrelid) AS definition
       FROM tenant t
       JOIN pg_index x ON x.indrelid = t.oid AND x.indisunique
       JOIN pg_class i ON i.oid = x.indexrelid
      WHERE NOT EXISTS (SELECT 1 FROM generate_series(0, x.indnkeyatts - 1) AS k
                         WHERE x.indkey[k] = t.attnum)
     UNION ALL
     SELECT t.relname, 'exclusion', con.conname, pg_get_constraintdef(con.oid)
       FROM tenant t
       JOIN pg_constraint con ON con.conrelid = t.oid AND con.contype::text = 'x'
      WHERE NOT EXISTS (SELECT 1 FROM unnest(con.conkey, con.conexclop) AS u(attnum, op)
                          JOIN pg_operator o ON o.oid = u.op
                         WHERE u.attnum = t.attnum AND o.oprname = '=')
     UNION ALL
     SELECT t.relname, 'foreign-key', con.conname, pg_get_constraintdef(con.oid)
       FROM tenant t
       JOIN pg_constraint con ON con.conrelid = t.oid AND con.contype::text = 'f'
       JOIN pg_attribute r ON r.attrelid = con.confrelid AND r.attname = 'clinic_id' AND NOT r.attisdropped
      WHERE NOT EXISTS (SELECT 1 FROM unnest(con.conkey, con.confkey) AS u(attnum, ref)
                         WHERE u.attnum = t.attnum AND u.ref = r.attnum)
     UNION ALL
     SELECT c.relname, 'reference-to-tenant', con.conname, pg_get_constraintdef(con.oid)
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype::text = 'f'
        AND con.confrelid IN (SELECT oid FROM tenant)
        AND con.conrelid NOT IN (SELECT oid FROM tenant)
      ORDER BY 1, 2, 3`,
    [schema],
  );
  return rows;
}

/** A row level security policy on a table of the schema. */
export interface PolicyRow {
  table: string;
  name: string;
  /** `ALL`, `SELECT`, `INSERT`, `UPDATE` or `DELETE`. */
  command: string;
  permissive: boolean;
  /** Role names, `public` for PUBLIC. */
  roles: string[];
  /** PUBLIC, the runtime role, or a role whose privileges it has. */
  appliesToRuntime: boolean;
  using: string | null;
  withCheck: string | null;
}

export async function readPolicies(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
): Promise<PolicyRow[]> {
  const { rows } = await client.query<PolicyRow>(
    `SELECT c.relname AS "table",
            p.polname AS name,
            CASE p.polcmd::text WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
            p.polpermissive AS permissive,
            ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END
                    FROM unnest(p.polroles) AS r)::text[] AS roles,
            coalesce(0 = ANY (p.polroles) OR EXISTS (
              SELECT 1 FROM unnest(p.polroles) AS r WHERE pg_has_role(${RUNTIME}, r, 'USAGE')
            ), false) AS "appliesToRuntime",
            pg_get_expr(p.polqual, p.polrelid) AS using,
            pg_get_expr(p.polwithcheck, p.polrelid) AS "withCheck"
       FROM pg_policy p
       JOIN pg_class c ON c.oid = p.polrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1
      ORDER BY c.relname, p.polname`,
    [schema, runtimeRole],
  );
  return rows;
}

/** The runtime role, or a role it is a member of (and so can act as). */
export interface RoleRow {
  role: string;
  isRuntime: boolean;
  superuser: boolean;
  bypassRls: boolean;
}

/** The runtime role first, then the roles it belongs to; none when it does not exist. */
export async function readRuntimeRoles(
  client: ClientBase,
  runtimeRole: string,
): Promise<RoleRow[]> {
  const { rows } = await client.query<RoleRow>(
    `SELECT r.rolname AS role, r.rolname = $1 AS "isRuntime",
            r.rolsuper AS superuser, r.rolbypassrls AS "bypassRls"
       FROM pg_roles r
      WHERE r.rolname = $1
         OR pg_has_role(${runtimeOid('$1')}, r.oid, 'MEMBER')
      ORDER BY r.rolname <> $1, r.rolname`,
    [runtimeRole],
  );
  return rows;
}

/** Something in the schema (or the schema itself) owned by the runtime role or a role it belongs to. */
export interface OwnedObjectRow {
  /** `schema`, `table`, `view`, `materialized view`, `foreign table`, `sequence` or `function`. */
  kind: string;
  name: string;
  owner: string;
}

export async function readOwnedObjects(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
): Promise<OwnedObjectRow[]> {
  const { rows } = await client.query<OwnedObjectRow>(
    `SELECT 'schema' AS kind, n.nspname::text AS name, pg_get_userbyid(n.nspowner)::text AS owner
       FROM pg_namespace n
      WHERE n.nspname = $1 AND pg_has_role(${RUNTIME}, n.nspowner, 'MEMBER')
     UNION ALL
     SELECT CASE c.relkind::text WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                                 WHEN 'f' THEN 'foreign table' WHEN 'S' THEN 'sequence'
                                 ELSE 'table' END,
            c.relname::text, pg_get_userbyid(c.relowner)::text
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind::text IN ('r', 'p', 'v', 'm', 'f', 'S')
        AND pg_has_role(${RUNTIME}, c.relowner, 'MEMBER')
     UNION ALL
     SELECT 'function', format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)),
            pg_get_userbyid(p.proowner)::text
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_has_role(${RUNTIME}, p.proowner, 'MEMBER')
      ORDER BY 1, 2`,
    [schema, runtimeRole],
  );
  return rows;
}

/** A view or materialized view of the schema (not one an extension brought). */
export interface ViewRow {
  name: string;
  materialized: boolean;
  securityInvoker: boolean;
  /** The runtime role can read it (any column). */
  runtimeCanRead: boolean;
}

export async function readViews(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
): Promise<ViewRow[]> {
  // An extension's views are its own (the next ALTER EXTENSION UPDATE would undo a change).
  const { rows } = await client.query<ViewRow>(
    `SELECT c.relname AS name, c.relkind::text = 'm' AS materialized,
            coalesce((SELECT o.option_value::boolean FROM pg_options_to_table(c.reloptions) AS o
                       WHERE o.option_name = 'security_invoker'), false) AS "securityInvoker",
            coalesce(has_any_column_privilege(${RUNTIME}, c.oid, 'SELECT'), false) AS "runtimeCanRead"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind::text IN ('v', 'm')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype::text = 'e')
      ORDER BY c.relname`,
    [schema, runtimeRole],
  );
  return rows;
}

/** A SECURITY DEFINER function of the schema that the runtime role may execute. */
export interface SecurityDefinerRow {
  /** `name(argument types)`. */
  signature: string;
  owner: string;
  /** The value of a pinned `search_path` (`SET search_path = …`), if any. */
  searchPath: string | null;
}

export async function readSecurityDefiners(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
): Promise<SecurityDefinerRow[]> {
  const { rows } = await client.query<SecurityDefinerRow>(
    `SELECT format('%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS signature,
            pg_get_userbyid(p.proowner)::text AS owner,
            (SELECT substr(setting, length('search_path=') + 1) FROM unnest(p.proconfig) AS setting
              WHERE starts_with(setting, 'search_path=') LIMIT 1) AS "searchPath"
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.prosecdef
        AND coalesce(has_function_privilege(${RUNTIME}, p.oid, 'EXECUTE'), false)
      ORDER BY 1`,
    [schema, runtimeRole],
  );
  return rows;
}

/** Where the runtime role can create objects: schemas by name, and temporary objects. */
export interface CreatePrivileges {
  schemas: string[];
  temporary: boolean;
}

export async function readCreatePrivileges(
  client: ClientBase,
  runtimeRole: string,
): Promise<CreatePrivileges> {
  const { rows } = await client.query<CreatePrivileges>(
    `SELECT ARRAY(SELECT nspname::text FROM pg_namespace
                   WHERE coalesce(has_schema_privilege(${runtimeOid('$1')}, oid, 'CREATE'), false)
                   ORDER BY nspname)::text[] AS schemas,
            coalesce(has_database_privilege(${runtimeOid('$1')}, current_database(), 'TEMPORARY'), false)
              AS temporary`,
    [runtimeRole],
  );
  return rows[0]!;
}

/** A privilege the runtime role holds on a relation of the schema (directly, via PUBLIC or a role). */
export interface GrantRow {
  table: string;
  privilege: string;
}

export async function readRuntimeGrants(
  client: ClientBase,
  schema: string,
  runtimeRole: string,
): Promise<GrantRow[]> {
  // Column-level grants count: UPDATE (hash) on audit_logs is as bad as UPDATE on the table.
  const { rows } = await client.query<GrantRow>(
    `SELECT c.relname AS "table", privilege
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'])
                 AS privilege
      WHERE n.nspname = $1 AND c.relkind::text IN ('r', 'p', 'v', 'm', 'f')
        AND coalesce(CASE WHEN privilege IN ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')
                          THEN has_any_column_privilege(${RUNTIME}, c.oid, privilege)
                          ELSE has_table_privilege(${RUNTIME}, c.oid, privilege) END, false)
      ORDER BY c.relname, privilege`,
    [schema, runtimeRole],
  );
  return rows;
}

/** Whether the schema exists. */
export async function schemaExists(client: ClientBase, schema: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
    schema,
  ]);
  return rowCount === 1;
}
