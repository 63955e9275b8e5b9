import type { Metadata } from 'next';

import { ConfirmEmail } from '~/components/auth/confirm-email';

export const metadata: Metadata = { title: 'Confirm your email', referrer: 'no-referrer' };

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return <ConfirmEmail token={token ?? ''} />;
}
