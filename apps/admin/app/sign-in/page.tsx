import { safeRedirectPath } from '@eventora/api/safe-redirect';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { currentOperator } from '~/server/operator';
import { SignInForm } from '~/components/auth/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const { next } = await searchParams;
  // Only paths of this console: never an address elsewhere.
  const target = safeRedirectPath(next) ?? '/clinics';
  if (await currentOperator()) redirect(target);
  return (
    <main className="grid min-h-dvh place-items-center p-5">
      <SignInForm next={target} />
    </main>
  );
}
