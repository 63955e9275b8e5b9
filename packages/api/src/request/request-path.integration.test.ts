import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';

/**
 * What the request path must keep however it is made faster: the registry is read on every
 * request (a routing flip takes effect on the very next one) and the session on every request
 * (a revoked session is refused on its very next one). Over HTTP, through the portal's handler.
 */
describe('the request path stays exact', () => {
  let kit: ApiTestKit;
  let clinic: TestClinic;

  const owner = async <T>(work: (sql: pg.Client) => Promise<T>): Promise<T> => {
    const sql = new pg.Client({ connectionString: kit.database.ownerUrl });
    await sql.connect();
    try {
      return await work(sql);
    } finally {
      await sql.end();
    }
  };
  const me = (token: string) =>
    kit.http(clinic.slug, 'reservation.list', {}, { token, query: true });

  beforeAll(async () => {
    kit = await createApiTestKit();
    clinic = await kit.addClinic('exact', 'schema');
  });
  afterAll(async () => kit?.close());

  it('a signed-out session is refused on its next request', async () => {
    const token = (
      await kit.caller(clinic.slug).auth.signIn({
        email: clinic.client.email,
        password: 'correct horse battery staple',
        bearer: true,
      })
    ).token!;
    expect((await me(token)).status).toBe(200);
    await kit.caller(clinic.slug, { token }).auth.signOut();
    expect((await me(token)).status).toBe(401);
  });

  it('a session deleted behind the portal’s back (sign out everywhere) is refused on its next request', async () => {
    expect((await me(clinic.client.token)).status).toBe(200);
    await owner(async (sql) => {
      await sql.query('BEGIN');
      await sql.query("SELECT set_config('app.current_tenant', $1, true)", [clinic.clinic.id]);
      await sql.query(`DELETE FROM ${clinic.clinic.schemaName}.sessions WHERE user_id = $1`, [
        clinic.client.id,
      ]);
      await sql.query('COMMIT');
    });
    expect((await me(clinic.client.token)).status).toBe(401);
  });

  it('a routing flip takes effect on the next request', async () => {
    const staff = clinic.staff.token;
    expect((await me(staff)).status).toBe(200);
    // Flip the clinic to the shared schema, where none of its rows (nor its sessions) are: the
    // very next request must be served from there, so the session is unknown.
    await owner((sql) =>
      sql.query(
        "UPDATE clinics SET mode = 'shared', schema_name = NULL, routing_version = routing_version + 1 WHERE id = $1",
        [clinic.clinic.id],
      ),
    );
    expect((await me(staff)).status).toBe(401);
    // And back: the next request finds its schema (and the session) again.
    await owner((sql) =>
      sql.query(
        "UPDATE clinics SET mode = 'schema', schema_name = $2, routing_version = routing_version + 1 WHERE id = $1",
        [clinic.clinic.id, clinic.clinic.schemaName],
      ),
    );
    expect((await me(staff)).status).toBe(200);
  });
});
