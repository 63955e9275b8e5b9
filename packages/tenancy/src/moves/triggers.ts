import type { ClientBase } from 'pg';

import { isUuid } from '../context/bound-clinic';
import { qualifiedName, type TenantTable } from '../tables';

// The move engine's triggers are attached per clinic, with a WHEN condition on clinic_id: a
// row of another clinic costs one comparison in the executor, never a function call, and no
// trigger exists at all while nobody moves. They are created and dropped by DDL, which waits
// for the table's in-flight writers (SHARE ROW EXCLUSIVE lock): when the transaction that
// creates them commits, every write begun before it has finished, and every later write of
// the clinic meets them. That makes the freeze a barrier, not a race.

/** Which rows a trigger of each operation watches (DELETE has no NEW, INSERT no OLD). */
function whenClause(op: 'i' | 'u' | 'd', clinicId: string): string {
  const id = `'${clinicId}'::uuid`;
  if (op === 'i') return `NEW.clinic_id = ${id}`;
  if (op === 'd') return `OLD.clinic_id = ${id}`;
  return `OLD.clinic_id = ${id} OR NEW.clinic_id = ${id}`;
}

const EVENTS = { i: 'INSERT', u: 'UPDATE', d: 'DELETE' } as const;
const OPS = ['i', 'u', 'd'] as const;

function hex(uuid: string): string {
  if (!isUuid(uuid)) throw new Error(`Not a uuid: ${uuid}`);
  return uuid.replaceAll('-', '').toLowerCase();
}

export function freezeTriggerName(clinicId: string, op: 'i' | 'u' | 'd'): string {
  return `eventora_freeze_${hex(clinicId)}_${op}`;
}

export function captureTriggerName(moveId: string, op: 'i' | 'u' | 'd'): string {
  return `eventora_capture_${hex(moveId)}_${op}`;
}

/** Locks taken by trigger DDL wait at most this long (others queue behind a waiting lock), then retry. */
const LOCK_TIMEOUT = '1s';

/**
 * Runs trigger DDL in one transaction, after locking the tables children first: writers lock
 * the table they write, then its parents (foreign-key checks), so taking the locks in the
 * reverse order avoids deadlocking with them. DROP TRIGGER needs ACCESS EXCLUSIVE, CREATE
 * TRIGGER SHARE ROW EXCLUSIVE (it waits for writers, not readers).
 */
async function inDdlTransaction(
  client: ClientBase,
  schema: string,
  tables: TenantTable[],
  mode: 'SHARE ROW EXCLUSIVE' | 'ACCESS EXCLUSIVE',
  statements: string[],
): Promise<void> {
  const childrenFirst = [...tables]
    .reverse()
    .map((table) => qualifiedName(client, schema, table.name))
    .join(', ');
  for (let attempt = 1; ; attempt++) {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      if (childrenFirst) await client.query(`LOCK TABLE ${childrenFirst} IN ${mode} MODE`);
      for (const statement of statements) await client.query(statement);
      await client.query('COMMIT');
      return;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = (error as { code?: string }).code;
      // Lock timeout or deadlock against application transactions: back off, try again.
      if ((code === '55P03' || code === '40P01') && attempt < 30) {
        await new Promise((resolve) => setTimeout(resolve, 50 * Math.min(attempt, 10)));
        continue;
      }
      throw error;
    }
  }
}

/**
 * Freezes the clinic's rows at this endpoint: every INSERT, UPDATE or DELETE of them fails
 * with SQLSTATE EV001 (`clinic_frozen_guard`), whoever sends it, reads go on. Idempotent.
 */
export async function freezeRows(
  client: ClientBase,
  schema: string,
  tables: TenantTable[],
  clinicId: string,
): Promise<void> {
  await inDdlTransaction(
    client,
    schema,
    tables,
    'SHARE ROW EXCLUSIVE',
    tables.flatMap((table) =>
      OPS.map(
        (op) =>
          `CREATE OR REPLACE TRIGGER ${freezeTriggerName(clinicId, op)} BEFORE ${EVENTS[op]}
             ON ${qualifiedName(client, schema, table.name)} FOR EACH ROW
             WHEN (${whenClause(op, clinicId)})
             EXECUTE FUNCTION ${client.escapeIdentifier(schema)}.clinic_frozen_guard()`,
      ),
    ),
  );
}

/** Lifts the freeze of the clinic's rows at this endpoint. Idempotent. */
export async function unfreezeRows(
  client: ClientBase,
  schema: string,
  tables: TenantTable[],
  clinicId: string,
): Promise<void> {
  await inDdlTransaction(
    client,
    schema,
    tables,
    'ACCESS EXCLUSIVE',
    tables.flatMap((table) =>
      OPS.map(
        (op) =>
          `DROP TRIGGER IF EXISTS ${freezeTriggerName(clinicId, op)} ON ${qualifiedName(client, schema, table.name)}`,
      ),
    ),
  );
}

/** True when the clinic's rows at this endpoint carry a freeze trigger. */
export async function isFrozenAt(
  client: ClientBase,
  schema: string,
  clinicId: string,
): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND t.tgname = $2 LIMIT 1`,
    [schema, freezeTriggerName(clinicId, 'i')],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Starts logging the keys of the clinic's rows that change at this endpoint, into
 * `tenant_move_changes` under `moveId`. Idempotent.
 */
export async function startCapture(
  client: ClientBase,
  schema: string,
  tables: TenantTable[],
  clinicId: string,
  moveId: string,
): Promise<void> {
  await inDdlTransaction(
    client,
    schema,
    tables,
    'SHARE ROW EXCLUSIVE',
    tables.flatMap((table) => {
      const args = [moveId, ...table.primaryKey].map((value) => client.escapeLiteral(value));
      return OPS.map(
        (op) =>
          `CREATE OR REPLACE TRIGGER ${captureTriggerName(moveId, op)} AFTER ${EVENTS[op]}
             ON ${qualifiedName(client, schema, table.name)} FOR EACH ROW
             WHEN (${whenClause(op, clinicId)})
             EXECUTE FUNCTION ${client.escapeIdentifier(schema)}.tenant_move_capture(${args.join(', ')})`,
      );
    }),
  );
}

/** Stops the capture and forgets its log. Idempotent. */
export async function stopCapture(
  client: ClientBase,
  schema: string,
  tables: TenantTable[],
  moveId: string,
): Promise<void> {
  await inDdlTransaction(client, schema, tables, 'ACCESS EXCLUSIVE', [
    ...tables.flatMap((table) =>
      OPS.map(
        (op) =>
          `DROP TRIGGER IF EXISTS ${captureTriggerName(moveId, op)} ON ${qualifiedName(client, schema, table.name)}`,
      ),
    ),
    `DELETE FROM ${qualifiedName(client, schema, 'tenant_move_changes')} WHERE move_id = ${client.escapeLiteral(moveId)}`,
  ]);
}
