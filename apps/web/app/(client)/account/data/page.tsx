import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { MyData } from '~/components/privacy/my-data';
import { titled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = titled('myData');

export default async function MyDataPage() {
  await requireViewer(['CLIENT']);
  const t = await getTranslations('privacy.myData');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <MyData />
    </>
  );
}
