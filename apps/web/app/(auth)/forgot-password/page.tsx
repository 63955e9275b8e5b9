import { ZAuthRequestPasswordResetInput } from '@eventora/api/schemas';
import type { Metadata } from 'next';

import { ForgotPasswordForm } from '~/components/auth/forgot-password-form';
import { formSchema } from '~/lib/form-schema';

export const metadata: Metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  return <ForgotPasswordForm schema={formSchema(ZAuthRequestPasswordResetInput)} />;
}
