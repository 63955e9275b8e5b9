import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantRouter } from '../router/tenant-router';
import { createClinicFixture, createTestDatabase, type TestDatabase } from '../testing';
import { withClient } from '../with-client';
import type { RlsFinding } from './findings';
import { lintRls, type LintRlsOptions } from './lint-rls';

// Each test breaks one guard on a fresh migrated database, as the superuser, inside a
// transaction; lints the same connection as the owner role (as `pnpm db:lint-rls` connects);
// then rolls back, so every test starts from the migrated schema again.

const BOUND = `clinic_id = (SELECT nullif(current_setting('app.current_tenant', true), '')::uuid)`;
const CLINIC_SCHEMA = 'clinic_lint';

let database: TestDatabase;
let router: TenantRouter;

beforeAll(async () => {
  database = await createTestDatabase();
  router = new TenantRouter({ connectionString: database.appUrl, connectionBudget: 4 });
  await createClinicFixture(database, router, { slug: 'lint', mode: 'schema' });
});
afterAll(async () => {
  await router?.close();
  await database?.drop();
});

async function lintAfter(
  breakGuard: (sql: pg.Client) => Promise<unknown>,
  options: Partial<LintRlsOptions> = {},
): Promise<RlsFinding[]> {
  return withClient(database.adminUrl, async (sql) => {
    await sql.query('BEGIN');
    try {
      await breakGuard(sql);
      await sql.query('SET LOCAL ROLE eventora_owner');
      return await lintRls(sql, { schema: 'public', ...options });
    } finally {
      await sql.query('ROLLBACK');
    }
  });
}

/** Runs DDL as the owner role, as a migration would. */
const asOwner = (sql: pg.Client, ddl: string) =>
  sql.query(`SET LOCAL ROLE eventora_owner; ${ddl}; RESET ROLE`);

const throwawayRole = () => `evt_lint_${randomBytes(4).toString('hex')}`;

const rules = (findings: RlsFinding[]) =>
  findings.map((finding) => `${finding.rule} ${finding.object}`);

describe('the RLS lint on a correctly migrated database', () => {
  it('finds nothing wrong in the shared schema', async () => {
    const findings = await withClient(database.ownerUrl, (owner) =>
      lintRls(owner, { schema: 'public' }),
    );
    expect(findings).toEqual([]);
  });

  it("finds nothing wrong in a schema-mode clinic's own schema", async () => {
    const findings = await withClient(database.ownerUrl, (owner) =>
      lintRls(owner, { schema: CLINIC_SCHEMA }),
    );
    expect(findings).toEqual([]);
  });

  it('gives the same answer when the runtime role itself runs it', async () => {
    const findings = await withClient(database.appUrl, (app) => lintRls(app, { schema: 'public' }));
    expect(findings).toEqual([]);
  });
});

describe('the RLS lint fails a target', () => {
  it('whose schema does not exist', async () => {
    expect(rules(await lintAfter(async () => undefined, { schema: 'clinic_gone' }))).toEqual([
      'schema-missing clinic_gone',
    ]);
  });

  it('with no tenant table to check (an unmigrated target)', async () => {
    const findings = await lintAfter((sql) => sql.query('CREATE SCHEMA clinic_empty'), {
      schema: 'clinic_empty',
    });
    expect(rules(findings)).toEqual(['no-tenant-tables clinic_empty']);
  });
});

describe('the RLS lint fails a tenant table', () => {
  it('with row level security disabled', async () => {
    const findings = await lintAfter((sql) =>
      sql.query('ALTER TABLE users DISABLE ROW LEVEL SECURITY'),
    );
    expect(findings).toEqual([
      {
        rule: 'rls-disabled',
        object: 'public.users',
        message: expect.stringContaining('ALTER TABLE public.users ENABLE ROW LEVEL SECURITY'),
      },
    ]);
  });

  it('with row level security not forced on its owner', async () => {
    const findings = await lintAfter((sql) =>
      sql.query('ALTER TABLE reservations NO FORCE ROW LEVEL SECURITY'),
    );
    expect(findings).toEqual([
      {
        rule: 'rls-not-forced',
        object: 'public.reservations',
        message: expect.stringContaining('FORCE ROW LEVEL SECURITY'),
      },
    ]);
  });

  it("in a clinic's own schema, named with that schema", async () => {
    const findings = await lintAfter(
      (sql) => sql.query(`ALTER TABLE ${CLINIC_SCHEMA}.users NO FORCE ROW LEVEL SECURITY`),
      { schema: CLINIC_SCHEMA },
    );
    expect(rules(findings)).toEqual([`rls-not-forced ${CLINIC_SCHEMA}.users`]);
  });

  it('with its restrictive policy dropped (the permissive one alone is no wall)', async () => {
    const findings = await lintAfter((sql) =>
      sql.query('DROP POLICY tenant_isolation ON packages'),
    );
    expect(rules(findings)).toEqual(['restrictive-policy-missing public.packages']);
  });

  it('whose restrictive policy lets every row through (USING (true))', async () => {
    const findings = await lintAfter((sql) =>
      sql.query(`DROP POLICY tenant_isolation ON packages;
        CREATE POLICY tenant_isolation ON packages AS RESTRICTIVE FOR ALL USING (true) WITH CHECK (true)`),
    );
    expect(rules(findings)).toEqual([
      'restrictive-policy-using public.packages policy tenant_isolation',
      'restrictive-policy-with-check public.packages policy tenant_isolation',
    ]);
    expect(findings[0]!.message).toContain('it reads: true');
  });

  it('whose restrictive policy has a second way in (… OR current_user = owner)', async () => {
    const findings = await lintAfter((sql) =>
      sql.query(`DROP POLICY tenant_isolation ON users;
        CREATE POLICY tenant_isolation ON users AS RESTRICTIVE FOR ALL
          USING (${BOUND} OR current_user = 'eventora_owner') WITH CHECK (${BOUND})`),
    );
    expect(rules(findings)).toEqual([
      'restrictive-policy-using public.users policy tenant_isolation',
    ]);
  });

  it('whose restrictive policy has no WITH CHECK', async () => {
    const findings = await lintAfter((sql) =>
      sql.query(`DROP POLICY tenant_isolation ON sessions;
        CREATE POLICY tenant_isolation ON sessions AS RESTRICTIVE FOR ALL USING (${BOUND})`),
    );
    expect(rules(findings)).toEqual([
      'restrictive-policy-with-check public.sessions policy tenant_isolation',
    ]);
  });

  it('whose restrictive policy covers one command only', async () => {
    const findings = await lintAfter((sql) =>
      sql.query(`DROP POLICY tenant_isolation ON branches;
        CREATE POLICY tenant_isolation ON branches AS RESTRICTIVE FOR UPDATE USING (${BOUND}) WITH CHECK (${BOUND})`),
    );
    expect(rules(findings)).toEqual([
      'restrictive-policy-command public.branches policy tenant_isolation',
    ]);
  });

  it('whose restrictive policy applies to another role than the runtime role', async () => {
    const findings = await lintAfter((sql) =>
      sql.query(`DROP POLICY tenant_isolation ON branches;
        CREATE POLICY tenant_isolation ON branches AS RESTRICTIVE FOR ALL TO eventora_platform
          USING (${BOUND}) WITH CHECK (${BOUND})`),
    );
    expect(findings).toEqual([
      {
        rule: 'restrictive-policy-roles',
        object: 'public.branches policy tenant_isolation',
        message: expect.stringContaining('eventora_platform, not to the runtime role eventora_app'),
      },
    ]);
  });

  it('without an index leading with clinic_id, and passes once it has one', async () => {
    const guardedTable = `
      CREATE TABLE notes (id uuid, clinic_id uuid NOT NULL, body text, PRIMARY KEY (id, clinic_id));
      ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE notes FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON notes AS RESTRICTIVE FOR ALL USING (${BOUND}) WITH CHECK (${BOUND});
      CREATE POLICY tenant_access ON notes FOR ALL USING (${BOUND}) WITH CHECK (${BOUND})`;
    expect(rules(await lintAfter((sql) => asOwner(sql, guardedTable)))).toEqual([
      'clinic-index-missing public.notes',
    ]);
    const indexed = await lintAfter((sql) =>
      asOwner(sql, `${guardedTable}; CREATE INDEX notes_clinic_id_id_idx ON notes (clinic_id, id)`),
    );
    expect(indexed).toEqual([]);
  });

  it('added by a migration with none of the guards', async () => {
    const findings = await lintAfter((sql) =>
      asOwner(sql, 'CREATE TABLE notes (id uuid PRIMARY KEY, clinic_id uuid NOT NULL)'),
    );
    expect(rules(findings)).toEqual([
      'rls-disabled public.notes',
      'rls-not-forced public.notes',
      'restrictive-policy-missing public.notes',
      'clinic-index-missing public.notes',
      'distribution-key-unique public.notes notes_pkey',
    ]);
  });
});

// Every key of a tenant table must carry clinic_id: Citus can then distribute the table by it,
// and no key compares or links rows across clinics.
describe('the distribution-key lint fails a tenant table', () => {
  it('with a unique constraint that leaves out clinic_id, and passes it with clinic_id in', async () => {
    const findings = await lintAfter((sql) =>
      asOwner(sql, 'ALTER TABLE users ADD CONSTRAINT users_email_global UNIQUE (email)'),
    );
    expect(findings).toEqual([
      {
        rule: 'distribution-key-unique',
        object: 'public.users users_email_global',
        message: expect.stringContaining("another clinic's value reads as taken"),
      },
    ]);
    const scoped = await lintAfter((sql) =>
      asOwner(sql, 'ALTER TABLE users ADD CONSTRAINT users_email_scoped UNIQUE (email, clinic_id)'),
    );
    expect(scoped).toEqual([]);
  });

  it('with a unique index (even a partial one, or with clinic_id only INCLUDEd) that leaves out clinic_id', async () => {
    const findings = await lintAfter((sql) =>
      asOwner(
        sql,
        `CREATE UNIQUE INDEX branches_name_global ON branches (name) WHERE name <> '';
         CREATE UNIQUE INDEX packages_name_global ON packages (name) INCLUDE (clinic_id)`,
      ),
    );
    expect(rules(findings)).toEqual([
      'distribution-key-unique public.branches branches_name_global',
      'distribution-key-unique public.packages packages_name_global',
    ]);
  });

  it("in a clinic's own schema, named with that schema", async () => {
    const findings = await lintAfter(
      (sql) =>
        asOwner(sql, `CREATE UNIQUE INDEX users_email_global ON ${CLINIC_SCHEMA}.users (email)`),
      { schema: CLINIC_SCHEMA },
    );
    expect(rules(findings)).toEqual([
      `distribution-key-unique ${CLINIC_SCHEMA}.users users_email_global`,
    ]);
  });

  it('with a foreign key to another tenant table that does not pair clinic_id with clinic_id', async () => {
    const findings = await lintAfter((sql) =>
      asOwner(
        sql,
        `ALTER TABLE reservation_notes ADD COLUMN editor_id uuid, ADD COLUMN other_clinic uuid;
         ALTER TABLE reservation_notes ADD CONSTRAINT notes_editor
           FOREIGN KEY (clinic_id, editor_id) REFERENCES users (clinic_id, id);
         ALTER TABLE reservation_notes ADD CONSTRAINT notes_editor_crossed
           FOREIGN KEY (other_clinic, editor_id) REFERENCES users (clinic_id, id)`,
      ),
    );
    // The first pairs clinic_id with clinic_id (passes); the second pairs another column with it.
    expect(findings).toEqual([
      {
        rule: 'distribution-key-foreign-key',
        object: 'public.reservation_notes notes_editor_crossed',
        message: expect.stringContaining("a row can point at another clinic's row"),
      },
    ]);
  });

  it('referenced by a table without clinic_id (a reference table under Citus)', async () => {
    const findings = await lintAfter((sql) =>
      asOwner(
        sql,
        `CREATE UNIQUE INDEX users_id_only ON users (id);
         ALTER TABLE platform_operators ADD COLUMN shadow_user uuid REFERENCES users (id)`,
      ),
    );
    expect(rules(findings)).toEqual([
      'distribution-key-foreign-key public.platform_operators platform_operators_shadow_user_fkey',
      'distribution-key-unique public.users users_id_only',
    ]);
  });

  it('with an exclusion constraint that does not compare clinic_id with =', async () => {
    const findings = await lintAfter((sql) =>
      asOwner(
        sql,
        `ALTER TABLE reservations ADD CONSTRAINT reservations_branch_overlap
           EXCLUDE USING gist (branch_id WITH =, tstzrange(starts_at, ends_at) WITH &&)`,
      ),
    );
    expect(rules(findings)).toEqual([
      'distribution-key-exclusion public.reservations reservations_branch_overlap',
    ]);
  });
});

describe('the RLS lint fails a runtime role', () => {
  it('that owns a tenant table', async () => {
    const findings = await lintAfter((sql) => sql.query('ALTER TABLE users OWNER TO eventora_app'));
    expect(findings).toContainEqual({
      rule: 'runtime-role-owns-object',
      object: 'public.users',
      message: expect.stringContaining('ALTER TABLE public.users OWNER TO eventora_owner'),
    });
    // An owner holds every privilege, TRUNCATE (which ignores RLS) included.
    expect(rules(findings)).toContain('runtime-role-forbidden-grant public.users');
  });

  it('that has BYPASSRLS (a throwaway role standing in for the runtime role)', async () => {
    const role = throwawayRole();
    const findings = await lintAfter((sql) => sql.query(`CREATE ROLE ${role} NOLOGIN BYPASSRLS`), {
      runtimeRole: role,
    });
    expect(findings).toEqual([
      {
        rule: 'runtime-role-bypassrls',
        object: `role ${role}`,
        message: expect.stringContaining(`ALTER ROLE ${role} NOBYPASSRLS`),
      },
    ]);
  });

  it('that is a member of a role with BYPASSRLS (SET ROLE gets around the policies)', async () => {
    const [runtime, bypassing] = [throwawayRole(), throwawayRole()];
    const findings = await lintAfter(
      (sql) =>
        sql.query(`CREATE ROLE ${bypassing} NOLOGIN BYPASSRLS;
          CREATE ROLE ${runtime} NOLOGIN IN ROLE ${bypassing}`),
      { runtimeRole: runtime },
    );
    expect(rules(findings)).toEqual([
      `runtime-role-bypassrls role ${runtime} (member of ${bypassing})`,
    ]);
  });

  it('that is a superuser (a throwaway role standing in for the runtime role)', async () => {
    const role = throwawayRole();
    const findings = await lintAfter((sql) => sql.query(`CREATE ROLE ${role} NOLOGIN SUPERUSER`), {
      runtimeRole: role,
    });
    expect(rules(findings)).toContain(`runtime-role-superuser role ${role}`);
  });

  it('that does not exist', async () => {
    const role = throwawayRole();
    const findings = await lintAfter(async () => undefined, { runtimeRole: role });
    expect(rules(findings)).toEqual([`runtime-role-missing role ${role}`]);
  });

  it('that may create objects in the schema', async () => {
    const findings = await lintAfter((sql) =>
      sql.query('GRANT CREATE ON SCHEMA public TO eventora_app'),
    );
    // The erasure and schema-version functions run as the owner: a schema the caller can write
    // to would let it plant a lookalike of what they call, so the lint flags them too.
    expect(rules(findings)).toEqual([
      'runtime-role-can-create public',
      'security-definer-search-path public.audit_log_forget_person(person uuid)',
      'security-definer-search-path public.eventora_schema_version()',
    ]);
  });

  it('that may UPDATE the append-only audit log', async () => {
    const findings = await lintAfter((sql) =>
      sql.query('GRANT UPDATE ON audit_logs TO eventora_app'),
    );
    expect(findings).toEqual([
      {
        rule: 'runtime-role-forbidden-grant',
        object: 'public.audit_logs',
        message: expect.stringContaining('REVOKE UPDATE ON public.audit_logs FROM eventora_app'),
      },
    ]);
  });

  it('that may update one column of the audit log, or delete from it', async () => {
    const findings = await lintAfter((sql) =>
      sql.query(
        'GRANT UPDATE (hash) ON audit_logs TO eventora_app; GRANT DELETE ON audit_logs TO PUBLIC',
      ),
    );
    expect(findings.map((finding) => finding.message.match(/holds (\w+)/)?.[1])).toEqual([
      'DELETE',
      'UPDATE',
    ]);
  });

  it('that may TRUNCATE a tenant table (TRUNCATE ignores row level security)', async () => {
    const findings = await lintAfter((sql) =>
      sql.query('GRANT TRUNCATE ON reservations TO PUBLIC'),
    );
    expect(rules(findings)).toEqual(['runtime-role-forbidden-grant public.reservations']);
    expect(findings[0]!.message).toContain('TRUNCATE ignores row level security');
  });

  it('that may read a platform table or write the registry', async () => {
    const findings = await lintAfter((sql) =>
      sql.query(`GRANT SELECT ON platform_operators TO eventora_app;
        GRANT UPDATE ON clinics TO eventora_app`),
    );
    expect(rules(findings)).toEqual([
      'runtime-role-forbidden-grant public.clinics',
      'runtime-role-forbidden-grant public.platform_operators',
    ]);
  });
});

describe('the RLS lint fails a view or function', () => {
  it('a view without security_invoker, and passes it with security_invoker on', async () => {
    const view = 'CREATE VIEW client_emails AS SELECT clinic_id, email FROM users';
    expect(await lintAfter((sql) => asOwner(sql, view))).toEqual([
      {
        rule: 'view-not-security-invoker',
        object: 'public.client_emails',
        message: expect.stringContaining('SET (security_invoker = on)'),
      },
    ]);
    const invoker = await lintAfter((sql) =>
      asOwner(sql, `${view}; ALTER VIEW client_emails SET (security_invoker = on)`),
    );
    expect(invoker).toEqual([]);
  });

  it('a materialized view the runtime role can read', async () => {
    const matview = 'CREATE MATERIALIZED VIEW client_emails AS SELECT clinic_id, email FROM users';
    expect(await lintAfter((sql) => asOwner(sql, matview))).toEqual([]);
    const readable = await lintAfter((sql) =>
      asOwner(sql, `${matview}; GRANT SELECT ON client_emails TO eventora_app`),
    );
    expect(rules(readable)).toEqual(['materialized-view-readable public.client_emails']);
  });

  it('a SECURITY DEFINER function the runtime role may call with no pinned search_path', async () => {
    const findings = await lintAfter((sql) =>
      asOwner(
        sql,
        `CREATE FUNCTION count_users() RETURNS bigint LANGUAGE sql SECURITY DEFINER
           AS 'SELECT count(*) FROM users'`,
      ),
    );
    expect(findings).toEqual([
      {
        rule: 'security-definer-search-path',
        object: 'public.count_users()',
        message: expect.stringContaining('no pinned search_path'),
      },
    ]);
  });

  it('not a SECURITY DEFINER function with a pinned search_path, or one the runtime role cannot call', async () => {
    const pinned = await lintAfter((sql) =>
      asOwner(
        sql,
        `CREATE FUNCTION count_users() RETURNS bigint LANGUAGE sql SECURITY DEFINER
           SET search_path = public, pg_catalog, pg_temp AS 'SELECT count(*) FROM users'`,
      ),
    );
    expect(pinned).toEqual([]);
    const revoked = await lintAfter((sql) =>
      asOwner(
        sql,
        `CREATE FUNCTION count_users() RETURNS bigint LANGUAGE sql SECURITY DEFINER
           AS 'SELECT count(*) FROM users';
         REVOKE EXECUTE ON FUNCTION count_users() FROM PUBLIC`,
      ),
    );
    expect(revoked).toEqual([]);
  });

  it('a SECURITY DEFINER function whose pinned search_path the runtime role can plant objects in', async () => {
    const definer = `CREATE FUNCTION count_users() RETURNS bigint LANGUAGE sql SECURITY DEFINER
      SET search_path = public, pg_catalog AS 'SELECT count(*) FROM users'`;
    const temporary = await lintAfter(async (sql) => {
      await sql.query(
        `GRANT TEMPORARY ON DATABASE ${sql.escapeIdentifier(database.name)} TO eventora_app`,
      );
      await asOwner(sql, definer);
    });
    expect(rules(temporary)).toEqual(['security-definer-search-path public.count_users()']);
    expect(temporary[0]!.message).toContain('does not end with pg_temp');

    const creatable = await lintAfter(async (sql) => {
      await sql.query('GRANT CREATE ON SCHEMA public TO eventora_app');
      await asOwner(sql, definer);
    });
    expect(rules(creatable)).toEqual([
      'runtime-role-can-create public',
      'security-definer-search-path public.audit_log_forget_person(person uuid)',
      'security-definer-search-path public.count_users()',
      'security-definer-search-path public.eventora_schema_version()',
    ]);
  });
});
