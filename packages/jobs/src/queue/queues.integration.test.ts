import { createTestDatabase, type TestDatabase } from '@eventora/tenancy/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openJobQueue } from './open-job-queue';
import { QUEUES } from './queues';

describe('the job queue as installed by the migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  const as = async <T>(url: string, work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  it('has exactly the queues the code knows', async () => {
    const names = await as(
      database.platformUrl,
      async (client) =>
        (await client.query<{ name: string }>('SELECT name FROM pgboss.queue ORDER BY name')).rows,
    );
    expect(names.map((row) => row.name)).toEqual(Object.keys(QUEUES).sort());
  });

  it('runs as the control-plane role, which can use the queue but not create one; the runtime role cannot reach it', async () => {
    const queue = await openJobQueue({ connectionString: database.platformUrl });
    try {
      const id = await queue.send('bench.noop', {
        clinicId: '00000000-0000-4000-8000-000000000000',
      });
      expect(id).toEqual(expect.any(String));
      await expect(queue.createQueue('made.at.runtime')).rejects.toThrow(/permission denied/);
    } finally {
      await queue.stop({ graceful: false, wait: true });
    }
    await expect(
      as(database.appUrl, (client) => client.query('SELECT count(*) FROM pgboss.job')),
    ).rejects.toThrow(/permission denied/);
  });
});
