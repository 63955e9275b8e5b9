import type { ClientBase } from 'pg';

/** A column of a tenant table, as the catalog describes it. */
export interface TenantColumn {
  name: string;
  /**
   * The type as `format_type` prints it, e.g. `timestamp(3) with time zone`; a type of the
   * table's own schema (an enum) by its bare name, so every target reads alike.
   */
  type: string;
  /** Generated columns are computed by the database: never copied, never inserted. */
  generated: boolean;
}

/** A table that holds one row per clinic-owned record: it has a `clinic_id` column. */
export interface TenantTable {
  name: string;
  /** Every live column, in the table's own order. */
  columns: TenantColumn[];
  /** The primary key's columns, in key order (leading with clinic_id by the house rules). */
  primaryKey: string[];
  /** The other tenant tables this one references by foreign key (self references left out). */
  references: string[];
}

interface CatalogTableRow {
  name: string;
  columns: TenantColumn[];
  primaryKey: string[] | null;
  references: string[];
}

/**
 * Lists the tenant tables of one schema (every ordinary or partitioned table with a `clinic_id`
 * column), read from pg_catalog of the target the client is connected to: the shared schema,
 * a clinic's schema, or `public` of a clinic's own database. Nothing here is a hand-kept list,
 * so a table a migration adds is moved, exported and verified without code changes.
 *
 * Ordered parents first (by foreign key; ties by name), so inserting in this order and deleting
 * in the reverse order never trips a constraint. Refuses a table without a primary key (rows
 * could not be compared by key) and a foreign-key cycle (no safe order exists).
 */
export async function listTenantTables(
  client: ClientBase,
  schema = 'public',
): Promise<TenantTable[]> {
  const { rows } = await client.query<CatalogTableRow>(
    `SELECT c.relname AS name,
            (SELECT json_agg(json_build_object(
                      'name', col.attname,
                      'type', CASE WHEN t.typnamespace = c.relnamespace THEN quote_ident(t.typname)
                                   ELSE format_type(col.atttypid, col.atttypmod) END,
                      'generated', col.attgenerated::text <> '')
                      ORDER BY col.attnum)
               FROM pg_attribute col
               JOIN pg_type t ON t.oid = col.atttypid
              WHERE col.attrelid = c.oid AND col.attnum > 0 AND NOT col.attisdropped) AS columns,
            (SELECT array_agg(key.attname::text ORDER BY k.ord)
               FROM pg_constraint pk
               CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute key ON key.attrelid = c.oid AND key.attnum = k.attnum
              WHERE pk.conrelid = c.oid AND pk.contype::text = 'p') AS "primaryKey",
            ARRAY(SELECT DISTINCT parent.relname::text
                    FROM pg_constraint fk
                    JOIN pg_class parent ON parent.oid = fk.confrelid
                   WHERE fk.conrelid = c.oid AND fk.contype::text = 'f' AND fk.confrelid <> c.oid
                     AND parent.relnamespace = c.relnamespace
                   ORDER BY 1) AS "references"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'clinic_id' AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind::text IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
    [schema],
  );
  const tables = rows.map((row): TenantTable => {
    if (!row.primaryKey) {
      throw new Error(
        `Tenant table ${schema}.${row.name} has no primary key; rows cannot be matched.`,
      );
    }
    return {
      name: row.name,
      columns: row.columns,
      primaryKey: row.primaryKey,
      references: row.references,
    };
  });
  return parentsFirst(tables, schema);
}

/** Topological order by foreign key, alphabetical among tables that are ready together. */
function parentsFirst(tables: TenantTable[], schema: string): TenantTable[] {
  const names = new Set(tables.map((table) => table.name));
  const ordered: TenantTable[] = [];
  const placed = new Set<string>();
  let remaining = tables;
  while (remaining.length > 0) {
    const ready = remaining.filter((table) =>
      table.references.every((parent) => placed.has(parent) || !names.has(parent)),
    );
    if (ready.length === 0) {
      throw new Error(
        `Tenant tables of ${schema} reference each other in a cycle: ${remaining.map((t) => t.name).join(', ')}.`,
      );
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

/** `"schema"."table"`, quoted for SQL. */
export function qualifiedName(client: ClientBase, schema: string, table: string): string {
  return `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
}

/** The columns a copy writes (generated ones are computed by the target). */
export function copyableColumns(table: TenantTable): string[] {
  return table.columns.filter((column) => !column.generated).map((column) => column.name);
}
