import { PageHeader } from '@eventora/ui/page-header';
import type { Metadata } from 'next';

import { ServerList } from '~/components/servers/server-list';

export const metadata: Metadata = { title: 'Database servers' };

export default function ServersPage() {
  return (
    <>
      <PageHeader
        title="Database servers"
        description="The PostgreSQL servers that hold database-mode clinics: their clinics, live connections and state."
      />
      <ServerList />
    </>
  );
}
