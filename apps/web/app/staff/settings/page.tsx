import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { SettingsForm } from '~/components/staff/settings-form';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireViewer(['OWNER']);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your clinic’s profile and rules. Every change is recorded in the audit log."
      />
      <SettingsForm />
    </>
  );
}
