'use client';

import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { errorMessage } from '@eventora/ui/error-message';
import { useMutation } from '@tanstack/react-query';
import { FlaskConical } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { useTRPC } from '~/trpc/react';

/** Stands in for Stripe's hosted page when the clinic runs without Stripe keys (development). */
export function SimulatedCheckout({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pay = useMutation(
    trpc.billing.completeSimulatedCheckout.mutationOptions({
      onSuccess: () =>
        router.replace(`/billing/success?session_id=${encodeURIComponent(sessionId)}`),
    }),
  );
  return (
    <Card className="mx-auto max-w-md">
      <CardHeader>
        <CardTitle>
          <span className="flex items-center gap-2">
            <FlaskConical className="text-primary size-5" aria-hidden /> Simulated checkout
          </span>
        </CardTitle>
        <CardDescription>
          Payments run in test mode here: no card is charged. Paying sends the same signed event
          Stripe would.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {pay.isError ? (
          <Alert variant="destructive">
            <AlertTitle>Payment failed</AlertTitle>
            <AlertDescription>{errorMessage(pay.error)}</AlertDescription>
          </Alert>
        ) : null}
      </CardContent>
      <CardFooter className="flex-col gap-2 sm:flex-row">
        <Button
          className="w-full sm:flex-1"
          loading={pay.isPending}
          disabled={!sessionId}
          onClick={() => pay.mutate({ sessionId })}
        >
          Pay (simulated)
        </Button>
        <Button asChild variant="outline" className="w-full sm:flex-1">
          <Link href="/billing/cancel">Cancel</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
