import { isStaffRole } from '@eventora/auth/roles';
import { getTranslations } from 'next-intl/server';

import { PageHeader } from '@eventora/ui/page-header';
import { Schedule } from '~/components/staff/schedule/schedule';
import { staffTitled } from '~/i18n/page-title';
import { requireClinic, requireViewer } from '~/server/portal';

export const generateMetadata = staffTitled('schedule');

export default async function SchedulePage() {
  const clinic = await requireClinic();
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  const t = await getTranslations('staff.pages');
  return (
    <>
      <PageHeader
        title={t('schedule.title')}
        description={
          viewer.role === 'THERAPIST' ? t('schedule.therapist') : t('schedule.description')
        }
      />
      <Schedule
        clinicTimeZone={clinic.timezone}
        cancellationWindowHours={clinic.cancellationWindowHours}
        canManage={isStaffRole(viewer.role)}
      />
    </>
  );
}
