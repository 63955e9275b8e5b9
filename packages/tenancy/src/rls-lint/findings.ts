/** Every rule the RLS lint checks; a finding names the one it breaks. */
export const RLS_RULES = [
  'schema-missing',
  'no-tenant-tables',
  'rls-disabled',
  'rls-not-forced',
  'restrictive-policy-missing',
  'restrictive-policy-using',
  'restrictive-policy-with-check',
  'restrictive-policy-command',
  'restrictive-policy-roles',
  'clinic-index-missing',
  'distribution-key-unique',
  'distribution-key-exclusion',
  'distribution-key-foreign-key',
  'runtime-role-missing',
  'runtime-role-superuser',
  'runtime-role-bypassrls',
  'runtime-role-owns-object',
  'runtime-role-can-create',
  'runtime-role-forbidden-grant',
  'view-not-security-invoker',
  'materialized-view-readable',
  'security-definer-search-path',
] as const;

/** The name of one rule of the RLS lint. */
export type RlsRule = (typeof RLS_RULES)[number];

/** One guard the lint found broken. */
export interface RlsFinding {
  rule: RlsRule;
  /** What it concerns: `schema.table`, `schema.table policy name`, `schema.fn(args)`, `role name`… */
  object: string;
  /** One line: the risk, then the fix. */
  message: string;
}

/** A finding as one terminal line: `rule  object: message`. */
export function formatFinding(finding: RlsFinding): string {
  return `${finding.rule}  ${finding.object}: ${finding.message}`;
}

/** An identifier as SQL would need it in a fix (quoted only when it must be). */
export function sqlName(...parts: string[]): string {
  return parts
    .map((part) => (/^[a-z_][a-z0-9_$]*$/.test(part) ? part : `"${part.replaceAll('"', '""')}"`))
    .join('.');
}
