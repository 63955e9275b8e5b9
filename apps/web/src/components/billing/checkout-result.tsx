'use client';

import { Button } from '@eventora/ui/button';
import { EmptyState } from '@eventora/ui/empty-state';
import { Spinner } from '@eventora/ui/spinner';
import { useQuery } from '@tanstack/react-query';
import { CircleAlert, PartyPopper } from 'lucide-react';
import Link from 'next/link';

import { useTRPC } from '~/trpc/react';

/** After paying: waits for the webhook to credit the package, then offers to book. */
export function CheckoutResult({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const status = useQuery(
    trpc.billing.checkoutStatus.queryOptions(
      { sessionId },
      {
        enabled: Boolean(sessionId),
        refetchInterval: (query) => (query.state.data?.credited ? false : 1500),
      },
    ),
  );
  if (status.isError || !sessionId) {
    return (
      <EmptyState
        icon={<CircleAlert />}
        title="We couldn’t find this payment"
        description="If you were charged, your package will appear shortly under Packages."
        action={
          <Button asChild>
            <Link href="/packages">Go to packages</Link>
          </Button>
        }
      />
    );
  }
  if (!status.data?.credited) {
    return (
      <EmptyState
        icon={<Spinner className="size-6" />}
        title="Confirming your payment…"
        description="This usually takes a few seconds."
      />
    );
  }
  return (
    <EmptyState
      icon={<PartyPopper />}
      title="Your package is ready"
      description="The sessions are in your account. Time to book!"
      action={
        <div className="flex gap-2">
          <Button asChild>
            <Link href="/book">Book a session</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/packages">My packages</Link>
          </Button>
        </div>
      }
    />
  );
}
