import { ownerDatabaseUrlResolver } from '../provisioning/database-url';
import { registryTargets, type RegistryTargets } from '../rls-lint/registry-targets';

/**
 * Every migration target of the deployment whose shared database the owner URL reaches: its
 * `public` schema, each schema clinic, and each database clinic with the owner role's URL of
 * its database (`database:<name>` on the shared server, else the secret `<ref>_OWNER`). A
 * clinic that cannot be resolved comes back in `unresolved`, never dropped.
 */
export function fleetTargets(
  ownerUrl: string,
  secrets: (name: string) => string | undefined,
): Promise<RegistryTargets> {
  return registryTargets(ownerUrl, {
    resolveDatabaseUrl: ownerDatabaseUrlResolver(ownerUrl, secrets),
  });
}
