import type { Metadata } from 'next';

import { ClientHistory } from '~/components/staff/client-history';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Client' };

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  await requireViewer(['OWNER', 'STAFF']);
  const { id } = await params;
  return <ClientHistory id={id} />;
}
