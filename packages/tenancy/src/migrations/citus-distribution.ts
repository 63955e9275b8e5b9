import type { ClientBase } from 'pg';

/** How one table of the shared schema lives on a Citus cluster. */
export interface CitusTablePlan {
  table: string;
  /**
   * `distributed`: a tenant table (it has clinic_id), sharded by clinic_id and colocated with
   * every other tenant table, so a clinic's rows and joins stay on one worker. `reference`: a
   * registry or control-plane table, copied whole to every worker (joins with it stay local).
   */
  kind: 'distributed' | 'reference';
  /** The statement that puts it there. */
  statement: string;
}

// The migration ledger stays a plain table on the coordinator: only the runner reads it.
const LOCAL_TABLES = new Set(['_prisma_migrations']);

interface TableRow {
  oid: number;
  table: string;
  tenant: boolean;
  /** Tables of the schema it references (other than itself). */
  references: number[];
  /** No row was ever stored (its main fork is empty). */
  empty: boolean;
}

/**
 * What Citus needs done to the schema: every table without clinic_id becomes a reference
 * table, every table with it is distributed by clinic_id, colocated with the first. Reference
 * tables come first, and within each kind a referenced table comes before the tables that
 * reference it (Citus checks foreign keys as each table is distributed). Needs no Citus: the
 * plan is read from the catalog, so it is tested on plain PostgreSQL.
 */
export async function citusDistributionPlan(
  client: ClientBase,
  schema = 'public',
): Promise<CitusTablePlan[]> {
  return planFor(client, schema, await readTables(client, schema));
}

/** True when the database the client is connected to has the `citus` extension. */
export async function hasCitus(client: ClientBase): Promise<boolean> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  return (rowCount ?? 0) > 0;
}

/**
 * The migration runner's Citus step, run on a database's `public` schema after its migrations:
 * without the `citus` extension it does nothing; with it, it distributes or replicates each
 * table Citus does not manage yet (a new migration's table, on the next run). A table that
 * already holds rows is only moved by a role that bypasses row level security, since the
 * owner role sees none of the rows of a table that forces it: such a table stops the step with
 * an error instead. Returns the statements it ran.
 */
export async function distributeForCitus(client: ClientBase, schema = 'public'): Promise<string[]> {
  if (!(await hasCitus(client))) return [];
  const tables = await readTables(client, schema);
  const managed = new Set(
    (
      await client.query<{ oid: number }>(
        'SELECT logicalrelid::oid::int AS oid FROM pg_dist_partition',
      )
    ).rows.map((row) => row.oid),
  );
  const pending = tables.filter((table) => !managed.has(table.oid));
  if (pending.some((table) => !table.empty)) {
    const { rows } = await client.query<{ bypass: boolean }>(
      'SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user',
    );
    if (!rows[0]?.bypass) {
      const names = pending.filter((table) => !table.empty).map((table) => table.table);
      throw new Error(
        `Citus: ${names.join(', ')} already hold rows, which the owner role cannot see under ` +
          'FORCE ROW LEVEL SECURITY; distribute them once as a role with BYPASSRLS ' +
          '(DATABASE_OWNER_URL of a superuser for that run, in a maintenance window).',
      );
    }
  }
  // Colocate with a table Citus already distributes, or else with the first one distributed now.
  const anchor = tables.find((table) => table.tenant && managed.has(table.oid));
  const statements = planFor(client, schema, tables, anchor?.table)
    .filter((plan) => pending.some((table) => table.table === plan.table))
    .map((plan) => plan.statement);
  for (const statement of statements) await client.query(statement);
  return statements;
}

function planFor(
  client: ClientBase,
  schema: string,
  tables: TableRow[],
  colocateWith?: string,
): CitusTablePlan[] {
  const qualified = (table: string) =>
    client.escapeLiteral(`${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`);
  const reference = dependencyOrder(tables.filter((table) => !table.tenant));
  const distributed = dependencyOrder(tables.filter((table) => table.tenant));
  const anchor = colocateWith ?? distributed[0]?.table;
  return [
    ...reference.map((table) => ({
      table: table.table,
      kind: 'reference' as const,
      statement: `SELECT create_reference_table(${qualified(table.table)})`,
    })),
    ...distributed.map((table) => ({
      table: table.table,
      kind: 'distributed' as const,
      statement:
        `SELECT create_distributed_table(${qualified(table.table)}, 'clinic_id'` +
        (anchor && anchor !== table.table ? `, colocate_with => ${qualified(anchor)})` : ')'),
    })),
  ];
}

/** Referenced tables before the tables that reference them; by name otherwise. */
function dependencyOrder(tables: TableRow[]): TableRow[] {
  const inGroup = new Set(tables.map((table) => table.oid));
  const placed = new Set<number>();
  const ordered: TableRow[] = [];
  while (ordered.length < tables.length) {
    const ready = tables.find(
      (table) =>
        !placed.has(table.oid) &&
        table.references.every((oid) => !inGroup.has(oid) || placed.has(oid)),
    );
    // A cycle of foreign keys: Citus needs one of them added after distribution; say which.
    if (!ready) {
      const left = tables.filter((table) => !placed.has(table.oid)).map((table) => table.table);
      throw new Error(`Citus: the foreign keys of ${left.join(', ')} form a cycle.`);
    }
    placed.add(ready.oid);
    ordered.push(ready);
  }
  return ordered;
}

async function readTables(client: ClientBase, schema: string): Promise<TableRow[]> {
  const { rows } = await client.query<TableRow>(
    `SELECT c.oid::int AS oid, c.relname AS "table",
            EXISTS (SELECT 1 FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attname = 'clinic_id' AND NOT a.attisdropped) AS tenant,
            ARRAY(SELECT DISTINCT con.confrelid::int FROM pg_constraint con
                   WHERE con.conrelid = c.oid AND con.contype::text = 'f' AND con.confrelid <> c.oid) AS "references",
            pg_relation_size(c.oid) = 0 AS empty
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind::text IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
    [schema],
  );
  return rows.filter((row) => !LOCAL_TABLES.has(row.table));
}
