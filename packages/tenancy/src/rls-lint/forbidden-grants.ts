import type { GrantRow } from './catalog-queries';

/** Privileges the runtime role must not hold on some tables, and why. */
interface ForbiddenGrant {
  tables: (table: string) => boolean;
  privileges: readonly string[];
  risk: string;
}

const EVERY_PRIVILEGE = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'TRUNCATE',
  'REFERENCES',
  'TRIGGER',
];

// The runtime role reaches tenant rows through row level security only; these grants would
// let it around the policies, rewrite history or reach the control plane.
const FORBIDDEN_GRANTS: readonly ForbiddenGrant[] = [
  {
    tables: () => true,
    privileges: ['TRUNCATE'],
    risk: "TRUNCATE ignores row level security: one request could empty every clinic's rows",
  },
  {
    tables: () => true,
    privileges: ['TRIGGER'],
    risk: "a trigger it attaches runs inside every other session's writes, other clinics' too",
  },
  {
    tables: (table) => table === 'audit_logs',
    privileges: ['UPDATE', 'DELETE'],
    risk: 'the audit log is append-only: rewriting or deleting entries breaks its hash chain',
  },
  {
    tables: (table) => table === 'clinics',
    privileges: ['INSERT', 'UPDATE', 'DELETE'],
    risk: 'the registry routes every clinic: the app reads it, it must not re-route or unfreeze one',
  },
  {
    tables: (table) => table.startsWith('platform_'),
    privileges: EVERY_PRIVILEGE,
    risk: "platform tables are the operators' control plane (accounts, sessions, audit)",
  },
  {
    tables: (table) => table === '_prisma_migrations',
    privileges: EVERY_PRIVILEGE,
    risk: 'the migration ledger decides what the runner applies next',
  },
];

/** The runtime role's grants that it should not have, each with the risk it carries. */
export function forbiddenGrants(grants: readonly GrantRow[]): (GrantRow & { risk: string })[] {
  return grants.flatMap((grant) => {
    const rule = FORBIDDEN_GRANTS.find(
      (candidate) =>
        candidate.privileges.includes(grant.privilege) && candidate.tables(grant.table),
    );
    return rule ? [{ ...grant, risk: rule.risk }] : [];
  });
}
