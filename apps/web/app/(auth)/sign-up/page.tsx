import { ZSignUpInput } from '@eventora/api';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { SignUpForm } from '~/components/auth/sign-up-form';
import { formSchema } from '~/lib/form-schema';
import { getViewer, homeFor, requireClinic } from '~/server/portal';

export const metadata: Metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  const clinic = await requireClinic();
  const viewer = await getViewer();
  if (viewer) redirect(homeFor(viewer.role));
  return <SignUpForm schema={formSchema(ZSignUpInput)} clinicName={clinic.name} />;
}
