'use client';

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
import { Field } from '@eventora/ui/field';
import { FormError } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useState } from 'react';

import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

const day = (date: Date) => date.toISOString().slice(0, 10);
const when = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

/** Access, portability, rectification and erasure: everything the clinic holds about the client. */
export function MyData() {
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(trpc.privacy.myData.queryOptions());
  if (isPending) return <Skeleton className="h-64 w-full max-w-3xl" />;
  if (error) return <FormError message={errorMessage(error)} />;

  const download = () => {
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `my-data-${day(new Date())}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div className="grid max-w-3xl gap-4">
      <Card>
        <CardHeader>
          <CardTitle>A copy of your data</CardTitle>
          <CardDescription>
            Everything below, as one JSON file you can keep or take to another provider.
          </CardDescription>
        </CardHeader>
        <CardFooter>
          <Button variant="outline" onClick={download}>
            <Download /> Download my data (JSON)
          </Button>
        </CardFooter>
      </Card>
      <DetailsCard name={data.profile.name} phone={data.profile.phone} email={data.profile.email} />
      <Section
        title="Bookings"
        empty="No bookings yet."
        rows={data.bookings.map((b) => [when(b.startsAt), b.therapist, b.branch, b.status])}
      />
      <Section
        title="Purchases and credits"
        empty="No purchases yet."
        rows={data.purchases.map((p) => [
          day(p.createdAt),
          p.package.name,
          `${p.creditsLeft} of ${p.creditsTotal} left`,
          `expires ${day(p.expiresAt)}`,
        ])}
      />
      <Section
        title="Payments"
        empty="No online payments."
        rows={data.payments.map((p) => [
          day(p.createdAt),
          p.package.name,
          `${(p.package.priceCents / 100).toFixed(2)} ${p.package.currency.toUpperCase()}`,
          p.status,
        ])}
      />
      <Section
        title="Who at the clinic opened your record"
        empty="Nobody has opened your record."
        rows={data.recordViews.map((v) => [when(v.at), v.viewer.name, v.viewer.role ?? ''])}
      />
      <Section
        title="Privacy notices you accepted"
        empty="None."
        rows={data.consents.map((c) => [`Version ${c.noticeVersion}`, when(c.acceptedAt)])}
      />
      <ErasureCard requests={data.erasureRequests} />
    </div>
  );
}

function Section({ title, rows, empty }: { title: string; rows: string[][]; empty: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-muted-foreground text-sm">{empty}</p>
        ) : (
          <ul className="grid gap-1 text-sm">
            {rows.map((cells, i) => (
              <li key={i} className="flex flex-wrap gap-x-4">
                {cells.map((cell, j) => (
                  <span key={j} className={j === 0 ? 'font-medium' : 'text-muted-foreground'}>
                    {cell}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function DetailsCard({
  name,
  phone,
  email,
}: {
  name: string;
  phone: string | null;
  email: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ name, phone: phone ?? '' });
  const update = useMutation(
    trpc.privacy.updateMyDetails.mutationOptions({
      onSuccess: async () => {
        toast.success('Your details were corrected.');
        await queryClient.invalidateQueries(trpc.privacy.myData.queryFilter());
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your details</CardTitle>
        <CardDescription>
          Correct your name and phone. To change your email ({email}), ask the clinic.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(values);
          }}
        >
          <FormError message={update.error ? errorMessage(update.error) : undefined} />
          <Field id="my-name" label="Full name">
            <Input
              id="my-name"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
          </Field>
          <Field id="my-phone" label="Phone">
            <Input
              id="my-phone"
              type="tel"
              value={values.phone}
              onChange={(e) => setValues({ ...values, phone: e.target.value })}
            />
          </Field>
          <div>
            <Button type="submit" loading={update.isPending}>
              Save details
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

type ErasureRequests = RouterOutputs['privacy']['myData']['erasureRequests'];

function ErasureCard({ requests }: { requests: ErasureRequests }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const request = useMutation(
    trpc.privacy.requestErasure.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries(trpc.privacy.myData.queryFilter());
      },
    }),
  );
  const pending = requests.some((r) => r.status === 'pending');
  return (
    <Card>
      <CardHeader>
        <CardTitle>Ask to be forgotten</CardTitle>
        <CardDescription>
          The clinic reviews your request. If approved, your name, email, phone and notes are erased
          and you can no longer sign in; bookings and payments are kept without your identity for
          the period the law requires.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {requests.map((r) => (
          <p key={r.id}>
            <span className="font-medium">
              {day(r.requestedAt)}: {r.status}.
            </span>{' '}
            {r.answer}
          </p>
        ))}
        <FormError message={request.error ? errorMessage(request.error) : undefined} />
      </CardContent>
      <CardFooter className="gap-2">
        {pending ? (
          <p className="text-muted-foreground text-sm">Your request is waiting for the clinic.</p>
        ) : confirming ? (
          <>
            <Button
              variant="destructive"
              loading={request.isPending}
              onClick={() => request.mutate()}
            >
              Yes, ask the clinic to erase my data
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep my account
            </Button>
          </>
        ) : (
          <Button variant="outline" onClick={() => setConfirming(true)}>
            Ask to be forgotten
          </Button>
        )}
      </CardFooter>
    </Card>
  );
}
