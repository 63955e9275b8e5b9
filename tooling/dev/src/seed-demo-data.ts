import { hashPassword } from '@eventora/auth/password';
import { seed } from '@eventora/db/seed';
import type { SeedOptions, SeedResult } from '@eventora/db/seed';

/**
 * Seeds the demo clinics into the migrated shared database at `ownerUrl` (owner role), with
 * the product's password hasher: `seed()` of @eventora/db takes it from its caller, since
 * @eventora/auth depends on @eventora/db and not the other way round.
 */
export async function seedDemoData(
  ownerUrl: string,
  options: Pick<SeedOptions, 'today' | 'log'> = {},
): Promise<SeedResult> {
  return seed(ownerUrl, { ...options, hashPassword });
}
