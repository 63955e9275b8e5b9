'use client';

import { JobQueue } from '~/components/jobs/job-queue';
import { PanelGroup } from '~/components/panel';

/** This clinic's job queue, last runs and dead jobs. */
export function JobsPanel({ clinicId }: { clinicId: string }) {
  return (
    <PanelGroup title="Jobs">
      <JobQueue clinicId={clinicId} />
    </PanelGroup>
  );
}
