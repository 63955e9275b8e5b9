// Test-only: one sign-in attempt in a process of its own (its own memory, its own connections),
// printed as JSON. Usage: node --import tsx sign-in-child.ts <appUrl> <slug> <email> <password> <ip>
import { TenantRouter } from '@eventora/tenancy';

import { isAuthError } from '../errors';
import { signIn } from '../sign-in/sign-in';

const [appUrl, slug, email, password, ip] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const router = new TenantRouter({ connectionString: appUrl, connectionBudget: 2 });
try {
  const outcome = await router.withClinic(slug, (db) =>
    signIn(db, { email, password, ip }).then(
      () => ({ signedIn: true }),
      (error: unknown) => {
        if (isAuthError(error))
          return { code: error.code, retryAfterSeconds: error.retryAfterSeconds };
        throw error;
      },
    ),
  );
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
} finally {
  await router.close();
}
