import type { Metadata } from 'next';

import { PageHeader } from '@eventora/ui/page-header';
import { TeamManager } from '~/components/staff/team/team-manager';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Team' };

export default async function TeamPage() {
  const viewer = await requireViewer(['OWNER']);
  return (
    <>
      <PageHeader
        title="Team"
        description="Who runs the clinic with you: invite people, change their role, disable a leaver."
      />
      <TeamManager viewerId={viewer.id} />
    </>
  );
}
