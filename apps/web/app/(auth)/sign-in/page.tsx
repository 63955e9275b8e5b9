import { safeRedirectPath } from '@eventora/api/safe-redirect';
import { redirect } from 'next/navigation';

import { SignInForm } from '~/components/auth/sign-in-form';
import { titled } from '~/i18n/page-title';
import { getViewer, homeFor } from '~/server/portal';

export const generateMetadata = titled('signIn');

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
