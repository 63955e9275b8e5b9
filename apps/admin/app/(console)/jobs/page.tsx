import { PageHeader } from '@eventora/ui/page-header';
import type { Metadata } from 'next';

import { JobQueue } from '~/components/jobs/job-queue';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <>
      <PageHeader
        title="Jobs"
        description="The worker’s queues for the whole fleet, the fleet schedules’ last runs, dead jobs."
      />
      <JobQueue />
    </>
  );
}
