// pnpm db:seed: fills the database at DATABASE_OWNER_URL (or the embedded development one;
// migrated, connected as the owner role) with the demo clinics, creating and migrating the own schema of the schema-mode ones.
// Safe to run again: seeded clinics are left alone, missing ones are added.
import { DEMO_PASSWORD, demoAccounts } from '@eventora/db/dev';

import { seedDatabase } from '../src/env';
import { seedDemoData } from '../src/seed-demo-data';

async function main(): Promise<void> {
  const { ownerUrl, release } = await seedDatabase();
  const result = await seedDemoData(ownerUrl, { log: (line) => console.log(line) }).finally(
    release,
  );
  console.log(`seed week starts ${result.anchor.toISOString().slice(0, 10)} (Monday, UTC)`);
  if (result.clinics.some((clinic) => clinic.created) || result.operator.created) {
    console.log(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const account of demoAccounts()) {
      console.log(
        `  ${(account.clinic ?? 'admin').padEnd(6)} ${account.role.padEnd(9)} ${account.email}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
