import { createPlatformClient, hashPassword, type PasswordResetMessage } from '@eventora/auth';
import { createBillingService, type BillingService } from '@eventora/billing';
import type { Role } from '@eventora/db';
import {
  databaseUrlResolver,
  PlatformWriter,
  runWithClinic,
  TenantRouter,
} from '@eventora/tenancy';
import {
  createClinicFixture,
  createTestDatabase,
  type ClinicFixture,
  type TestDatabase,
} from '@eventora/tenancy/testing';

import pg from 'pg';
import { migrationsDir } from '@eventora/db/migrations';
import { loadMigrations } from '@eventora/tenancy/migrations';

import { createContext, type RequestMeta } from '../context';
import { handleTrpcRequest } from '../http/handle-trpc-request';
import { appRouter, consoleRouter, createAppCaller, createConsoleCaller } from '../root';
import type { ApiServices } from '../services';
import { flushRequestStats } from '../request/request-stats';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  /** A session token of this user, for `kit.as(...)`. */
  token: string;
}

export interface TestClinic extends ClinicFixture {
  slug: string;
  owner: TestUser;
  staff: TestUser;
  therapistUser: TestUser;
  client: TestUser;
}

/**
 * A real API on a real database: services, a caller per request, and clinics with one user
 * of each role (signed in through the API itself, so tokens are real session tokens).
 */
export interface ApiTestKit {
  database: TestDatabase;
  services: ApiServices;
  /** Password reset messages the mailer would have sent. */
  mail: PasswordResetMessage[];
  /** Moves the clock the API sees. */
  setNow(date: Date): void;
  /** A caller for a request to `<slug>.localhost` with the given credentials and headers. */
  caller(
    slug: string | null,
    request?: Partial<RequestMeta> & { token?: string },
  ): ReturnType<typeof createAppCaller>;
  /**
   * Calls a procedure over HTTP, through the same handler apps/web serves (no network: the
   * handler takes a fetch Request). Returns the status and the parsed tRPC answer.
   */
  http(
    slug: string | null,
    path: string,
    input: unknown,
    init?: { token?: string; headers?: Record<string, string>; query?: boolean; console?: boolean },
  ): Promise<{ status: number; body: HttpAnswer; headers: Headers }>;
  /** A platform operator account; `console()` calls the console's procedures. */
  addOperator(email: string): Promise<{ id: string; email: string }>;
  /** Signs an operator in to the console; the platform session token from its cookie. */
  operatorToken(email: string): Promise<string>;
  /** A caller of the console's router, with a platform session token (or none). */
  console(
    request?: Partial<RequestMeta> & { token?: string },
  ): ReturnType<typeof createConsoleCaller>;
  /** A caller signed in as `user` at its own clinic. */
  as(clinic: TestClinic, user: TestUser): ReturnType<typeof createAppCaller>;
  addClinic(slug: string, mode?: 'shared' | 'schema'): Promise<TestClinic>;
  close(): Promise<void>;
}

export interface HttpAnswer {
  result?: { data: { json: unknown } };
  error?: {
    json: {
      message: string;
      code: number;
      data: { code: string; httpStatus: number; fields: { field: string; message: string }[] };
    };
  };
}

/**
 * `secrets`: the deployment's secrets (database URLs of clinics on other servers, their roles'
 * passwords), read when a clinic is routed or moved; a test may fill the object in later.
 */
export async function createApiTestKit(
  secrets: Record<string, string | undefined> = {},
): Promise<ApiTestKit> {
  const database = await createTestDatabase();
  const tenants = new TenantRouter({
    connectionString: database.appUrl,
    // Clinics moved to a database of their own (this server, or another one in `secrets`).
    resolveDatabaseUrl: databaseUrlResolver(database.appUrl, secrets),
    connectionBudget: 10,
  });
  const platform = createPlatformClient({
    connectionString: database.platformUrl,
    maxConnections: 2,
  });
  const mail: PasswordResetMessage[] = [];
  let now: Date | undefined;
  const platformWriter = new PlatformWriter(database.platformUrl);
  const jobQueue = new pg.Pool({ connectionString: database.platformUrl, max: 2 });
  const services: ApiServices = {
    tenants,
    platform,
    platformWriter,
    jobQueue,
    rootDomain: 'localhost',
    mailer: { sendPasswordReset: async (message) => void mail.push(message) },
    now: () => now ?? new Date(),
    portalUrl: (slug) => `http://${slug}.localhost:3000`,
    provisioning: { ownerUrl: database.ownerUrl, migrations: () => loadMigrations(migrationsDir) },
    moves: {
      ownerUrl: database.ownerUrl,
      appUrl: database.appUrl,
      secrets: (name) => secrets[name],
      migrations: () => loadMigrations(migrationsDir),
    },
    revealLinks: true,
    mailLinkSecret: 'api-test-kit-mail-link-secret',
  };
  // Billing as in development, without Stripe keys: a simulated payment reaches the webhook
  // handler in-process. Tests of real Stripe swap in their own (`kit.services.billing = …`).
  const billing: BillingService = createBillingService({
    tenants,
    simulated: {
      webhookUrl: 'http://localhost:3000/api/stripe/webhook',
      fetch: (url, init) => billing.handleWebhook(new Request(url, init)),
    },
    portalUrl: services.portalUrl,
    nodeEnv: 'test',
    now: services.now,
    logger: { info: () => undefined, warn: console.warn, error: console.error },
  });
  services.billing = billing;

  const caller: ApiTestKit['caller'] = (slug, { token, ...request } = {}) =>
    createAppCaller(
      createContext(services, {
        method: 'POST',
        host: slug ? `${slug}.localhost:3000` : 'localhost:3000',
        clinicHeader: null,
        origin: null,
        cookieHeader: token ? `eventora_session=${token}` : null,
        authorizationHeader: null,
        ip: '203.0.113.7',
        userAgent: 'vitest',
        ...request,
      }),
    );

  /** A request to the console (localhost:3001) with a platform session cookie. */
  const consoleRequest = ({
    token,
    ...request
  }: Partial<RequestMeta> & { token?: string }): RequestMeta => ({
    method: 'POST',
    host: 'localhost:3001',
    clinicHeader: null,
    origin: null,
    cookieHeader: token ? `eventora_platform_session=${token}` : null,
    authorizationHeader: null,
    ip: '198.51.100.9',
    userAgent: 'vitest',
    ...request,
  });

  async function addUser(fixture: ClinicFixture, role: Role, email: string): Promise<TestUser> {
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const user = await runWithClinic(fixture.clinic, () =>
      fixture.db.user.create({
        data: { clinicId: fixture.clinic.id, email, name: `${role} ${email}`, role, passwordHash },
      }),
    );
    const { token } = await caller(fixture.clinic.slug).auth.signIn({
      email,
      password: TEST_PASSWORD,
      bearer: true,
    });
    return { id: user.id, email, role, token: token! };
  }

  return {
    database,
    services,
    mail,
    setNow: (date) => void (now = date),
    caller,
    async http(slug, path, input, init = {}) {
      const host = slug ? `${slug}.localhost:3000` : 'localhost:3000';
      const payload = encodeURIComponent(JSON.stringify({ json: input }));
      const request = new Request(
        init.query
          ? `http://${host}/api/trpc/${path}?input=${payload}`
          : `http://${host}/api/trpc/${path}`,
        {
          method: init.query ? 'GET' : 'POST',
          headers: {
            host,
            'content-type': 'application/json',
            ...(init.token ? { cookie: `eventora_session=${init.token}` } : {}),
            ...init.headers,
          },
          body: init.query ? undefined : JSON.stringify({ json: input }),
        },
      );
      // A cookie rides on a browser's request from the app's own page, unless the test says
      // where the request comes from (request/same-origin.ts).
      const { headers } = request;
      if (headers.has('cookie') && !headers.has('origin') && !headers.has('sec-fetch-site')) {
        headers.set('sec-fetch-site', 'same-origin');
      }
      const response = await handleTrpcRequest(request, {
        router: init.console ? consoleRouter : appRouter,
        services,
        endpoint: '/api/trpc',
      });
      return {
        status: response.status,
        body: (await response.json()) as HttpAnswer,
        headers: response.headers,
      };
    },
    async addOperator(email) {
      const owner = new pg.Client({ connectionString: database.ownerUrl });
      await owner.connect();
      try {
        const { rows } = await owner.query<{ id: string }>(
          'INSERT INTO platform_operators (id, email, name, password_hash) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id',
          [email, `Operator ${email}`, await hashPassword(TEST_PASSWORD)],
        );
        return { id: rows[0]!.id, email };
      } finally {
        await owner.end();
      }
    },
    async operatorToken(email) {
      const resHeaders = new Headers();
      const context = createContext(services, consoleRequest({}), resHeaders);
      await createConsoleCaller(context).admin.auth.signIn({ email, password: TEST_PASSWORD });
      return (
        /eventora_platform_session=([^;]+)/.exec(resHeaders.get('set-cookie') ?? '')?.[1] ?? ''
      );
    },
    console: (request = {}) =>
      createConsoleCaller(createContext(services, consoleRequest(request))),
    as: (clinic, user) => caller(clinic.slug, { token: user.token }),
    async addClinic(slug, mode = 'shared') {
      const fixture = await createClinicFixture(database, tenants, { slug, mode });
      const clientToken = await (async () => {
        const passwordHash = await hashPassword(TEST_PASSWORD);
        await runWithClinic(fixture.clinic, () =>
          fixture.db.user.updateMany({ where: { id: fixture.ids.client }, data: { passwordHash } }),
        );
        return (
          await caller(slug).auth.signIn({
            email: `client@${slug}.test`,
            password: TEST_PASSWORD,
            bearer: true,
          })
        ).token!;
      })();
      return {
        ...fixture,
        slug,
        owner: await addUser(fixture, 'OWNER', `owner@${slug}.test`),
        staff: await addUser(fixture, 'STAFF', `staff@${slug}.test`),
        therapistUser: await addUser(fixture, 'THERAPIST', `therapist@${slug}.test`),
        client: {
          id: fixture.ids.client,
          email: `client@${slug}.test`,
          role: 'CLIENT',
          token: clientToken,
        },
      };
    },
    async close() {
      // Counts still in memory would be flushed by a timer after the database is gone.
      await flushRequestStats(services);
      await tenants.close();
      await platform.$disconnect();
      await platformWriter.close();
      await jobQueue.end();
      await database.drop();
    },
  };
}
