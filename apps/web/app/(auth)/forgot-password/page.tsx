import { ForgotPasswordForm } from '~/components/auth/forgot-password-form';
import { titled } from '~/i18n/page-title';

export const generateMetadata = titled('forgotPassword');

export default function ForgotPasswordPage() {
  return <ForgotPasswordForm />;
}
