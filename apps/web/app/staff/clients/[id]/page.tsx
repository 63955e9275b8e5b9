import { ClientHistory } from '~/components/staff/client-history';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('client');

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  await requireViewer(['OWNER', 'STAFF']);
  const { id } = await params;
  return <ClientHistory id={id} />;
}
