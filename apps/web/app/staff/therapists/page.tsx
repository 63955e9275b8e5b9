import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { TherapistsManager } from '~/components/staff/therapists-manager';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Therapists' };

export default async function TherapistsPage() {
  await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader
        title="Therapists"
        description="Who works where, and when: their shifts make up the free times clients see."
      />
      <TherapistsManager />
    </>
  );
}
