import { ZSignInInput } from '@eventora/api';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignInForm } from '~/components/auth/sign-in-form';
import { formSchema } from '~/lib/form-schema';
import { safeNext } from '~/lib/safe-next';
import { getViewer, homeFor } from '~/server/portal';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const { next } = await searchParams;
  const viewer = await getViewer();
  if (viewer) redirect(safeNext(next) ?? homeFor(viewer.role));
  return <SignInForm schema={formSchema(ZSignInInput)} next={safeNext(next)} />;
}
