/**
 * The RLS lint: reads the catalog of each target and reports every tenant-isolation guard that
 * is missing or weakened (row level security, policies, indexes, roles, grants, views,
 * SECURITY DEFINER functions). `pnpm db:lint-rls` runs it against a deployment.
 */
export { lintRls, type LintRlsOptions } from './lint-rls';
export { lintRlsTargets, type TargetLintResult } from './lint-rls-targets';
export {
  registryTargets,
  type DatabaseUrlResolver,
  type RegistryTargets,
  type UnresolvedTarget,
} from './registry-targets';
export { formatFinding, RLS_RULES, type RlsFinding, type RlsRule } from './findings';
