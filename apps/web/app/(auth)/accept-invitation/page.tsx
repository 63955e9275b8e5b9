import type { Metadata } from 'next';

import { AcceptInvitationForm } from '~/components/auth/accept-invitation-form';

export const metadata: Metadata = { title: 'Accept your invitation', referrer: 'no-referrer' };

export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return <AcceptInvitationForm token={token ?? ''} />;
}
