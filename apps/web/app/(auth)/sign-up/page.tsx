import { redirect } from 'next/navigation';

import { SignUpForm } from '~/components/auth/sign-up-form';
import { titled } from '~/i18n/page-title';
import { getViewer, homeFor, requireClinic } from '~/server/portal';
import { caller } from '~/trpc/server';

export const generateMetadata = titled('signUp');

export default async function SignUpPage() {
  const clinic = await requireClinic();
  const viewer = await getViewer();
  if (viewer) redirect(homeFor(viewer.role));
  const { version, body } = await (await caller()).privacy.notice();
  return <SignUpForm clinicName={clinic.name} notice={{ version, body }} />;
}
