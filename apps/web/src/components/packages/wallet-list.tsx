import { Badge } from '@eventora/ui/badge';
import { cn } from '@eventora/ui/cn';

import type { RouterOutputs } from '~/trpc/outputs';
import { useFormat } from '~/i18n/use-format';

type WalletItem = RouterOutputs['wallet']['list']['items'][number];

const STATUS = {
  active: { label: 'Active', variant: 'success' },
  used_up: { label: 'Used up', variant: 'secondary' },
  expired: { label: 'Expired', variant: 'warning' },
  revoked: { label: 'Revoked', variant: 'destructive' },
} as const;

/** Purchased packages: sessions left as a bar, expiry, status. */
export function WalletList({ items }: { items: WalletItem[] }) {
  const { formatDate } = useFormat();
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {items.map((item) => {
        const status = STATUS[item.status];
        const pct = item.creditsTotal ? (item.creditsLeft / item.creditsTotal) * 100 : 0;
        return (
          <li
            key={item.id}
            className={cn(
              'bg-card grid gap-3 rounded-xl border p-4',
              // Set apart by a dashed edge, not by fading: faded text fell to 3.8:1.
              item.status !== 'active' && 'bg-muted/40 border-dashed',
            )}
          >
            <div className="flex items-start justify-between gap-2">
              <span className="font-semibold">{item.packageName}</span>
              <Badge variant={status.variant}>{status.label}</Badge>
            </div>
            <div className="grid gap-1.5">
              <p className="text-sm">
                <span className="text-2xl font-bold tabular-nums">{item.creditsLeft}</span>
                <span className="text-muted-foreground"> of {item.creditsTotal} sessions left</span>
              </p>
              <div
                role="progressbar"
                aria-label={`${item.packageName}: sessions left`}
                aria-valuemin={0}
                aria-valuemax={item.creditsTotal}
                aria-valuenow={item.creditsLeft}
                className="bg-muted h-2 overflow-hidden rounded-full"
              >
                <div className="bg-primary h-full rounded-full" style={{ width: `${pct}%` }} />
              </div>
            </div>
            <p className="text-muted-foreground text-xs">
              {item.status === 'expired' ? 'Expired' : 'Valid until'} {formatDate(item.expiresAt)} ·
              bought {formatDate(item.purchasedAt)}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
