import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { ErasureQueue } from '~/components/privacy/erasure-queue';
import { NoticeEditor } from '~/components/privacy/notice-editor';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Privacy' };

export default async function StaffPrivacyPage() {
  const viewer = await requireViewer(['OWNER', 'STAFF']);
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Clients’ requests to be forgotten, and the clinic’s privacy notice."
      />
      <div className="grid max-w-3xl gap-6">
        <section className="grid gap-3" aria-labelledby="erasure-heading">
          <h2 id="erasure-heading" className="text-lg font-semibold">
            Erasure requests
          </h2>
          <ErasureQueue />
        </section>
        {viewer.role === 'OWNER' ? <NoticeEditor /> : null}
      </div>
    </>
  );
}
