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
import { Field } from '@eventora/ui/field';
import { FormError } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { Skeleton } from '@eventora/ui/skeleton';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useServerError } from '~/i18n/server-error';
import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

// The file's name is not shown to people: an ISO day sorts well.
const day = (date: Date) => date.toISOString().slice(0, 10);

/** Access, portability, rectification and erasure: everything the clinic holds about the client. */
export function MyData() {
  const trpc = useTRPC();
  const t = useTranslations('privacy.myData');
  const tStatus = useTranslations('bookings.status');
  const tRole = useTranslations('common.roles');
  const { formatDate, formatStamp, formatMoney } = useFormat();
  const serverError = useServerError();
  const { data, isPending, error } = useQuery(trpc.privacy.myData.queryOptions());
  if (isPending) return <Skeleton className="h-64 w-full max-w-3xl" />;
  if (error) return <FormError message={serverError.text(error)} />;

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
          <CardTitle>{t('copyTitle')}</CardTitle>
          <CardDescription>{t('copyText')}</CardDescription>
        </CardHeader>
        <CardFooter>
          <Button variant="outline" onClick={download}>
            <Download /> {t('download')}
          </Button>
        </CardFooter>
      </Card>
      <DetailsCard name={data.profile.name} phone={data.profile.phone} email={data.profile.email} />
      <Section
        title={t('bookings')}
        empty={t('noBookings')}
        rows={data.bookings.map((b) => [
          formatStamp(b.startsAt),
          b.therapist,
          b.branch,
          tStatus(b.status),
        ])}
      />
      <Section
        title={t('purchases')}
        empty={t('noPurchases')}
        rows={data.purchases.map((p) => [
          formatDate(p.createdAt),
          p.package.name,
          t('creditsLeft', { left: p.creditsLeft, total: p.creditsTotal }),
          t('expires', { date: formatDate(p.expiresAt) }),
        ])}
      />
      <Section
        title={t('payments')}
        empty={t('noPayments')}
        rows={data.payments.map((p) => [
          formatDate(p.createdAt),
          p.package.name,
          formatMoney(p.package.priceCents, p.package.currency),
          t(`paymentStatus.${p.status}`),
        ])}
      />
      <Section
        title={t('recordViews')}
        empty={t('noRecordViews')}
        rows={data.recordViews.map((v) => [
          formatStamp(v.at),
          v.viewer.name,
          // The API types the role as a string; it is one of the four roles.
          v.viewer.role ? tRole(v.viewer.role as Parameters<typeof tRole>[0]) : '',
        ])}
      />
      <Section
        title={t('consents')}
        empty={t('noConsents')}
        rows={data.consents.map((c) => [
          t('version', { version: c.noticeVersion }),
          formatStamp(c.acceptedAt),
        ])}
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
  const t = useTranslations('privacy.myData');
  const serverError = useServerError();
  const [values, setValues] = useState({ name, phone: phone ?? '' });
  const update = useMutation(
    trpc.privacy.updateMyDetails.mutationOptions({
      onSuccess: async () => {
        toast.success(t('saved'));
        await queryClient.invalidateQueries(trpc.privacy.myData.queryFilter());
      },
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('detailsTitle')}</CardTitle>
        <CardDescription>{t('detailsText', { email })}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(values);
          }}
        >
          <FormError message={update.error ? serverError.text(update.error) : undefined} />
          <Field id="my-name" label={t('name')}>
            <Input
              id="my-name"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
          </Field>
          <Field id="my-phone" label={t('phone')}>
            <Input
              id="my-phone"
              type="tel"
              value={values.phone}
              onChange={(e) => setValues({ ...values, phone: e.target.value })}
            />
          </Field>
          <div>
            <Button type="submit" loading={update.isPending}>
              {t('save')}
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
  const t = useTranslations('privacy.myData');
  const { formatDate } = useFormat();
  const serverError = useServerError();
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
        <CardTitle>{t('erasureTitle')}</CardTitle>
        <CardDescription>{t('erasureText')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {requests.map((r) => (
          <p key={r.id}>
            <span className="font-medium">
              {t('erasureRow', {
                date: formatDate(r.requestedAt),
                status: t(`erasureStatus.${r.status}`),
              })}
            </span>{' '}
            {r.answer}
          </p>
        ))}
        <FormError message={request.error ? serverError.text(request.error) : undefined} />
      </CardContent>
      <CardFooter className="gap-2">
        {pending ? (
          <p className="text-muted-foreground text-sm">{t('erasureWaiting')}</p>
        ) : confirming ? (
          <>
            <Button
              variant="destructive"
              loading={request.isPending}
              onClick={() => request.mutate()}
            >
              {t('erasureConfirm')}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              {t('keepAccount')}
            </Button>
          </>
        ) : (
          <Button variant="outline" onClick={() => setConfirming(true)}>
            {t('erasureAsk')}
          </Button>
        )}
      </CardFooter>
    </Card>
  );
}
