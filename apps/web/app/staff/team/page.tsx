import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { TeamManager } from '~/components/staff/team/team-manager';
import { staffTitled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('team');

export default async function TeamPage() {
  const viewer = await requireViewer(['OWNER']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader title={t('team.title')} description={t('team.description')} />
      <TeamManager viewerId={viewer.id} />
    </>
  );
}
