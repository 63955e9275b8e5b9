import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { ClientsList } from '~/components/staff/clients-list';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Clients' };

export default async function ClientsPage() {
  await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader
        title="Clients"
        description="Add, find and correct clients. Opening a client’s record is recorded in the audit log."
      />
      <ClientsList />
    </>
  );
}
