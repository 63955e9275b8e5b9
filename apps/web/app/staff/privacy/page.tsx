import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { ErasureQueue } from '~/components/privacy/erasure-queue';
import { NoticeEditor } from '~/components/privacy/notice-editor';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('privacy');

export default async function StaffPrivacyPage() {
  const viewer = await requireViewer(['OWNER', 'STAFF']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('privacy.title')} description={t('privacy.description')} />
      <div className="grid max-w-3xl gap-6">
        <section className="grid gap-3" aria-labelledby="erasure-heading">
          <h2 id="erasure-heading" className="text-lg font-semibold">
            {t('privacy.erasure')}
          </h2>
          <ErasureQueue />
        </section>
        {viewer.role === 'OWNER' ? <NoticeEditor /> : null}
      </div>
    </>
  );
}
