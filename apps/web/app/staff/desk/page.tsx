import { isStaffRole } from '@eventora/auth/roles';
import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { FrontDesk } from '~/components/staff/desk/front-desk';
import { staffTitled } from '~/i18n/page-title';
import { requireClinic, requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('desk');

export default async function FrontDeskPage() {
  const clinic = await requireClinic();
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader
        title={t('desk.title')}
        description={viewer.role === 'THERAPIST' ? t('desk.therapist') : t('desk.description')}
      />
      <FrontDesk clinicTimeZone={clinic.timezone} canManage={isStaffRole(viewer.role)} />
    </>
  );
}
