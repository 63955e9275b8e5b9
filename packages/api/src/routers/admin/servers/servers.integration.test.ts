import { devRoleUrl } from '@eventora/db/dev-server';
import { migrationsDir } from '@eventora/db/migrations';
import { provisionClinic } from '@eventora/tenancy';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { withClient } from '@eventora/tenancy/with-client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../../testing/api-test-kit';

const REASON = 'Hardware refresh of the eu-1 machine (ticket 88)';

// "home" is a registered name for the test server itself (its owner URL behind the secret
// SERVER_HOME_OWNER); "gone" names a secret this console does not hold.
describe('the console lists database servers and changes their state', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let token: string;
  let operatorId: string;
  const secrets: Record<string, string> = {};
  const asOperator = () => kit.console({ token });
  const databaseName = (slug: string) => `${kit.database.name}_${slug}`;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alphasrv');
    ({ id: operatorId } = await kit.addOperator('servers@eventora.test'));
    token = await kit.operatorToken('servers@eventora.test');
    secrets.SERVER_HOME_OWNER = kit.database.ownerUrl;
    kit.services.moves = { ...kit.services.moves!, secrets: (name) => secrets[name] };
    await withClient(kit.database.ownerUrl, async (owner) => {
      await owner.query(
        `INSERT INTO database_servers (name, url_ref, region, capacity)
         VALUES ('home', 'SERVER_HOME_OWNER', 'eu-1', 5), ('gone', 'SERVER_GONE_OWNER', 'us-1', 2)`,
      );
    });
    const placed = await provisionClinic(
      { slug: 'placedsrv', name: 'Placed clinic', mode: 'database', server: 'home' },
      {
        ownerUrl: kit.database.ownerUrl,
        migrations: await loadMigrations(migrationsDir),
        databaseName,
        secrets: (name) => secrets[name],
      },
    );
    secrets[placed.databaseUrlRef!] = devRoleUrl(
      kit.database.ownerUrl,
      'app',
      databaseName('placedsrv'),
    );
  }, 120_000);
  afterAll(async () => {
    if (kit) {
      await withClient(kit.database.adminUrl, (admin) =>
        admin.query(
          `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(databaseName('placedsrv'))} WITH (FORCE)`,
        ),
      ).catch(() => undefined);
      await kit.close();
    }
  });

  it('lists each server with its clinics and live connections, and no URL or secret', async () => {
    // Two sessions held open on the placed clinic's database.
    const sessions = [0, 1].map(
      () => new pg.Client({ connectionString: secrets.CLINIC_PLACEDSRV_DATABASE_URL }),
    );
    await Promise.all(sessions.map((session) => session.connect()));
    try {
      const { servers } = await asOperator().admin.servers.list();
      expect(servers.map((server) => server.name)).toEqual(['gone', 'home']);
      const home = servers.find((server) => server.name === 'home')!;
      expect(home).toMatchObject({
        region: 'eu-1',
        state: 'open',
        capacity: 5,
        connectionsUnavailable: null,
        clinics: [{ slug: 'placedsrv', name: 'Placed clinic', status: 'active', connections: 2 }],
      });
      expect(home.connections).toBeGreaterThanOrEqual(2);
      expect(servers.find((server) => server.name === 'gone')).toMatchObject({
        clinics: [],
        connections: null,
        connectionsUnavailable: 'This console does not hold the secret SERVER_GONE_OWNER.',
      });
      const text = JSON.stringify(servers);
      expect(text).not.toContain('postgresql://');
      expect(text).not.toContain('SERVER_HOME_OWNER');
    } finally {
      await Promise.all(sessions.map((session) => session.end()));
    }
    // A shared clinic is on no registered server.
    expect(JSON.stringify(await asOperator().admin.servers.list())).not.toContain(alpha.slug);
  });

  it('drains and reopens a server with the reason in the platform audit log; placement follows', async () => {
    await asOperator().admin.servers.setState({ name: 'home', state: 'draining', reason: REASON });
    const { servers } = await asOperator().admin.servers.list();
    expect(servers.find((server) => server.name === 'home')?.state).toBe('draining');
    // A draining server takes no new clinic.
    await expect(
      provisionClinic(
        { slug: 'refusedsrv', name: 'Refused', mode: 'database', server: 'home' },
        {
          ownerUrl: kit.database.ownerUrl,
          migrations: await loadMigrations(migrationsDir),
          databaseName,
          secrets: (name) => secrets[name],
        },
      ),
    ).rejects.toThrow('draining');
    await asOperator().admin.servers.setState({ name: 'home', state: 'open', reason: REASON });
    const entries = await kit.services.platform.platformAuditLog.findMany({
      where: { action: { startsWith: 'database_server.' } },
      select: { action: true, reason: true, operatorId: true, metadata: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(entries).toEqual([
      {
        action: 'database_server.drain',
        reason: REASON,
        operatorId,
        metadata: { server: 'home', from: 'open', to: 'draining' },
      },
      {
        action: 'database_server.open',
        reason: REASON,
        operatorId,
        metadata: { server: 'home', from: 'draining', to: 'open' },
      },
    ]);
  }, 60_000);

  it('refuses to close a server that holds clinics, an unknown server and a state it has, changing nothing', async () => {
    const before = await kit.services.platform.platformAuditLog.count();
    await expect(
      asOperator().admin.servers.setState({ name: 'home', state: 'closed', reason: REASON }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('1 clinic') });
    await expect(
      asOperator().admin.servers.setState({ name: 'nowhere', state: 'draining', reason: REASON }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      asOperator().admin.servers.setState({ name: 'home', state: 'open', reason: REASON }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      asOperator().admin.servers.setState({ name: 'gone', state: 'closed', reason: 'short' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const { servers } = await asOperator().admin.servers.list();
    expect(servers.map((server) => server.state)).toEqual(['open', 'open']);
    expect(await kit.services.platform.platformAuditLog.count()).toBe(before);
    // An empty server closes.
    await asOperator().admin.servers.setState({ name: 'gone', state: 'closed', reason: REASON });
  });

  it('plans a move to a registered server only with its secrets, naming the missing ones', async () => {
    await expect(
      asOperator().admin.move.plan({ clinicId: alpha.clinic.id, to: 'database', server: 'home' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(
        'CLINIC_ALPHASRV_HOME_DATABASE_URL, CLINIC_ALPHASRV_HOME_DATABASE_URL_OWNER',
      ),
    });
    await expect(
      asOperator().admin.move.plan({
        clinicId: alpha.clinic.id,
        to: 'database',
        server: 'nowhere',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'No database server nowhere.' });
  });

  it('refuses clinic sessions and anonymous callers', async () => {
    await expect(
      kit.console({ token: alpha.owner.token }).admin.servers.list(),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      kit.console().admin.servers.setState({ name: 'home', state: 'closed', reason: REASON }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
