'use client';

import { Button } from '@eventora/ui/button';
import { cn } from '@eventora/ui/cn';
import Link from 'next/link';

import { GrantStateBadge } from '~/components/badges';
import { formatDateTime } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';
import { Countdown } from './countdown';

type Grant = RouterOutputs['admin']['access']['byId'];

/** The grant's reason and time left, with the way to end it early (or back, once ended). */
export function AccessStatus({
  grant,
  active,
  onEnd,
  onClose,
  closing,
}: {
  grant: Grant;
  active: boolean;
  onEnd: () => void;
  onClose: () => void;
  closing: boolean;
}) {
  return (
    <div
      className={cn(
        'mb-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2.5 rounded-xl border px-4 py-3',
        active ? 'border-warning/45 bg-warning/15' : 'bg-muted',
      )}
      role="region"
      aria-label="Access status"
    >
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <GrantStateBadge
            state={active ? 'active' : grant.state === 'active' ? 'expired' : grant.state}
          />
          <strong>Reason:</strong> <span>{grant.reason}</span>
        </div>
        <span className="text-muted-foreground text-sm">
          Opened {formatDateTime(grant.createdAt)} · {active ? 'ends' : 'ended'}{' '}
          {formatDateTime(grant.closedAt ?? grant.expiresAt)}
        </span>
      </div>
      {active ? (
        <div className="flex items-center gap-3">
          <span className="text-sm">Ends in</span>
          <Countdown
            until={grant.expiresAt}
            onEnd={onEnd}
            className="text-2xl font-bold tabular-nums"
          />
          <Button variant="outline" onClick={onClose} loading={closing}>
            End access now
          </Button>
        </div>
      ) : (
        <Button variant="outline" asChild>
          <Link href={`/clinics/${grant.clinic.id}`}>Back to the clinic</Link>
        </Button>
      )}
    </div>
  );
}
