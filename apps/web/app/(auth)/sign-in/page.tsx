import { safeRedirectPath } from '@eventora/api/safe-redirect';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignInForm } from '~/components/auth/sign-in-form';
import { getViewer, homeFor } from '~/server/portal';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const { next } = await searchParams;
  const viewer = await getViewer();
  const target = safeRedirectPath(next);
  if (viewer) redirect(target ?? homeFor(viewer.role));
  return <SignInForm next={target} />;
}
