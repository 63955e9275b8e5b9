'use client';

import { JobQueue } from '~/components/job-queue';

/** The clinic page's jobs section: this clinic's queue, last runs and dead jobs. */
export function ClinicJobs({ clinicId }: { clinicId: string }) {
  return (
    <>
      <h2 className="text-lg font-semibold">Jobs</h2>
      <JobQueue clinicId={clinicId} />
    </>
  );
}
