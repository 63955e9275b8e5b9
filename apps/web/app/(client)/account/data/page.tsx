import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { MyData } from '~/components/privacy/my-data';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Your data' };

export default async function MyDataPage() {
  await requireViewer(['CLIENT']);
  return (
    <>
      <PageHeader
        title="Your data"
        description="What the clinic holds about you, and your rights over it."
      />
      <MyData />
    </>
  );
}
