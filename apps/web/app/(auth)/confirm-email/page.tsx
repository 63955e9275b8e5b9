import { ConfirmEmail } from '~/components/auth/confirm-email';
import { titled } from '~/i18n/page-title';

export const generateMetadata = titled('confirmEmail', { referrer: 'no-referrer' });

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return <ConfirmEmail token={token ?? ''} />;
}
