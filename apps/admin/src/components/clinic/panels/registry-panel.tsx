import { Panel } from '~/components/panel';
import { formatDateTime } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';

type Clinic = RouterOutputs['admin']['clinic']['byId'];

/** The clinic's registry row: where it is served and where its data lives. */
export function RegistryPanel({ clinic, portalUrl }: { clinic: Clinic; portalUrl: string }) {
  return (
    <Panel title="Registry">
      <dl className="grid gap-x-4 gap-y-1.5 sm:grid-cols-[max-content_1fr] [&_dd]:[overflow-wrap:anywhere] [&_dt]:text-muted-foreground">
        <dt>Id</dt>
        <dd className="font-mono">{clinic.id}</dd>
        <dt>Portal</dt>
        <dd>
          <a className="text-primary underline-offset-2 hover:underline" href={portalUrl}>
            {portalUrl}
          </a>
        </dd>
        <dt>Where its data lives</dt>
        <dd>
          {clinic.mode === 'shared'
            ? 'Shared tables (row level security by clinic)'
            : clinic.mode === 'schema'
              ? `Own schema ${clinic.schemaName ?? ''}`
              : 'Own database'}
        </dd>
        <dt>Time zone</dt>
        <dd>{clinic.timezone}</dd>
        <dt>Cancellation window</dt>
        <dd>{clinic.cancellationWindowHours} h</dd>
        <dt>Onboarding</dt>
        <dd>{clinic.onboardingState ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(clinic.createdAt)}</dd>
      </dl>
    </Panel>
  );
}
