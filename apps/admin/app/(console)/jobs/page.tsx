import type { Metadata } from 'next';

import { JobQueue } from '~/components/jobs/job-queue';

export const metadata: Metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Jobs</h1>
          <p>The worker’s queues for the whole fleet, the fleet schedules’ last runs, dead jobs.</p>
        </div>
      </div>
      <JobQueue />
    </>
  );
}
