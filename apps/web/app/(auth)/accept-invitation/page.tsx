import { ZAccountAcceptInvitationInput } from '@eventora/api/schemas';
import type { Metadata } from 'next';

import { AcceptInvitationForm } from '~/components/auth/accept-invitation-form';
import { formSchema } from '~/lib/form-schema';

export const metadata: Metadata = { title: 'Accept your invitation', referrer: 'no-referrer' };

export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return (
    <AcceptInvitationForm schema={formSchema(ZAccountAcceptInvitationInput)} token={token ?? ''} />
  );
}
