// pnpm db:seed: fills the database at DATABASE_OWNER_URL (migrated, connected as the owner
// role) with the demo clinics. Safe to run again: seeded clinics are left alone.
import { DEMO_PASSWORD, demoAccounts, seed } from '../src/seed';

const ownerUrl = process.env.DATABASE_OWNER_URL;
if (!ownerUrl) {
  console.error(
    'DATABASE_OWNER_URL is not set (the owner role, e.g. postgresql://eventora_owner:…@localhost:5432/eventora).',
  );
  process.exit(1);
}
// Every demo account shares one published password: never let it near real users.
if (process.env.NODE_ENV === 'production') {
  console.error('Refusing to seed demo accounts with NODE_ENV=production.');
  process.exit(1);
}

const result = await seed(ownerUrl, { log: (line) => console.log(line) });
console.log(`seed week starts ${result.anchor.toISOString().slice(0, 10)} (Monday, UTC)`);
if (result.clinics.some((clinic) => clinic.created) || result.operator.created) {
  console.log(`demo accounts (password ${DEMO_PASSWORD}):`);
  for (const account of demoAccounts()) {
    console.log(
      `  ${(account.clinic ?? 'admin').padEnd(6)} ${account.role.padEnd(9)} ${account.email}`,
    );
  }
}
