import { Badge } from '@eventora/ui/badge';

import { formatCount } from '~/lib/format';

type Variant = 'success' | 'warning' | 'destructive' | 'secondary' | 'outline' | 'default';

const STATUS: Record<string, Variant> = {
  active: 'success',
  frozen: 'warning',
  moving: 'secondary',
  suspended: 'destructive',
};

/** A clinic's status; a clinic whose provisioning failed or is running says so instead. */
export function ClinicStatusBadge({
  status,
  onboardingState,
}: {
  status: string;
  onboardingState: string | null;
}) {
  if (onboardingState === 'failed') return <Badge variant="destructive">provisioning failed</Badge>;
  if (onboardingState === 'provisioning') return <Badge variant="secondary">provisioning</Badge>;
  return <Badge variant={STATUS[status] ?? 'outline'}>{status}</Badge>;
}

const BILLING: Record<string, Variant> = {
  active: 'success',
  trial: 'secondary',
  past_due: 'warning',
  cancelled: 'destructive',
};

export function BillingBadge({ status }: { status: string }) {
  return (
    <Badge variant={BILLING[status] ?? 'outline'} title="Billing status">
      <span className="sr-only">billing </span>
      {status.replace('_', ' ')}
    </Badge>
  );
}

export function ModeBadge({ mode }: { mode: string }) {
  return <Badge variant={mode === 'shared' ? 'outline' : 'secondary'}>{mode}</Badge>;
}

const GRANT: Record<string, Variant> = { active: 'warning', expired: 'outline', closed: 'outline' };

export function GrantStateBadge({ state }: { state: string }) {
  return <Badge variant={GRANT[state] ?? 'outline'}>{state === 'active' ? 'open' : state}</Badge>;
}

/** A count that needs attention when it is above zero (dead jobs, failed runs, server errors). */
export function AlertCount({ value }: { value: number }) {
  return value > 0 ? <Badge variant="destructive">{formatCount(value)}</Badge> : '0';
}
