// Reading a policy's expression loosely: pg_get_expr prints the same condition with casts,
// sub-selects and parentheses that vary with how it was written and with the server version.

const SETTING = String.raw`current_setting'app\.current_tenant'`;
const CLINIC_ID_EQUALS_SETTING = new RegExp(
  String.raw`(^|[^a-z0-9_.])clinic_id=(select)?(nullif)?${SETTING}`,
);
const SETTING_EQUALS_CLINIC_ID = new RegExp(String.raw`${SETTING}[^=]*=clinic_id($|[^a-z0-9_])`);

/**
 * Whether a policy expression, as `pg_get_expr` prints it, ties `clinic_id` to the bound clinic:
 * `clinic_id` compared for equality with `current_setting('app.current_tenant', …)` (through
 * casts, `nullif` or a sub-select), and no `OR` that could let a row through another way.
 * `true`, `clinic_id IS NOT NULL` or a tenant check with `OR …` beside it do not pass.
 */
export function bindsToCurrentTenant(expression: string | null): boolean {
  if (!expression) return false;
  const lower = expression.toLowerCase();
  const withoutLiterals = lower.replaceAll(/'(?:[^']|'')*'/g, "''");
  if (/\bor\b/.test(withoutLiterals)) return false;
  const compact = lower
    .replaceAll('"', '')
    .replaceAll(/::[a-z_]+(\s+varying)?(\[\])?/g, '')
    .replaceAll(/[\s()]/g, '');
  return CLINIC_ID_EQUALS_SETTING.test(compact) || SETTING_EQUALS_CLINIC_ID.test(compact);
}

/** An expression shortened for a one-line message. */
export function excerpt(expression: string | null, max = 80): string {
  if (expression === null) return 'none';
  const line = expression.replaceAll(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
