import type pg from 'pg';

import { qualifiedName } from '../tables';

/**
 * Re-chains the bound clinic's audit entries in seq order, after a restore gave them a new
 * clinic id (the hash covers the clinic id, so a copy's chain must be sealed anew). Their
 * content and personal-details digests are unchanged; the copy's own log then records where
 * it came from, with the original chain's head, so the two can be tied together.
 */
export async function resealAuditChain(client: pg.Client, schema: string): Promise<void> {
  const table = qualifiedName(client, schema, 'audit_logs');
  const hash = `${client.escapeIdentifier(schema)}.audit_log_hash`;
  await client.query(`
    DO $$
    DECLARE
        entry RECORD;
        previous TEXT := '';
        sealed TEXT;
        bound UUID := current_setting('app.current_tenant')::uuid;
    BEGIN
        FOR entry IN SELECT id FROM ${table} WHERE clinic_id = bound ORDER BY seq LOOP
            UPDATE ${table} AS e SET prev_hash = previous WHERE e.clinic_id = bound AND e.id = entry.id;
            UPDATE ${table} AS e SET hash = ${hash}(e) WHERE e.clinic_id = bound AND e.id = entry.id
                RETURNING e.hash INTO sealed;
            previous := sealed;
        END LOOP;
    END
    $$`);
}
