import { ResetPasswordForm } from '~/components/auth/reset-password-form';
import { titled } from '~/i18n/page-title';

export const generateMetadata = titled('resetPassword', { referrer: 'no-referrer' });

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return <ResetPasswordForm token={token ?? ''} />;
}
