import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { TimeOffManager } from '~/components/staff/time-off-manager';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('timeOff');

export default async function TimeOffPage() {
  await requireViewer(['OWNER', 'STAFF']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('timeOff.title')} description={t('timeOff.description')} />
      <TimeOffManager />
    </>
  );
}
