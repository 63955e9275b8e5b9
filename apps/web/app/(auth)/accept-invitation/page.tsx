import { AcceptInvitationForm } from '~/components/auth/accept-invitation-form';
import { titled } from '~/i18n/page-title';

export const generateMetadata = titled('acceptInvitation', { referrer: 'no-referrer' });

export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return <AcceptInvitationForm token={token ?? ''} />;
}
