'use client';

import { Alert, AlertDescription } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { Field } from '@eventora/ui/field';
import { NativeSelect } from '@eventora/ui/native-select';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@eventora/ui/tabs';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CircleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';

import { addDaysToKey, dayKeyOf, startOfDayKey } from '~/lib/time';
import { useFormat } from '~/i18n/use-format';
import { useTRPC } from '~/trpc/react';
import { ChosenClient, ClientPickButton, ClientSearch } from '../client-search';
import { NewClientForm } from '../clients/new-client-form';
import { PaymentFields, type PaymentDraft } from './payment-fields';
import { toCents } from './payment-methods';

const STANDARD = '';
const LATER = 'later';

/**
 * A walk-in: find or add the client, pick who and what, take one of today's free times, and
 * book it without a credit (paid at the desk). The payment is recorded with the booking, or
 * later from the session's card.
 */
export function WalkInForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('staff.walkIn');
  const [client, setClient] = useState<{ id: string; name: string }>();
  if (!client) {
    return (
      <Tabs defaultValue="find" className="grid gap-4">
        <TabsList className="w-full">
          <TabsTrigger value="find">{t('findClient')}</TabsTrigger>
          <TabsTrigger value="new">{t('newClient')}</TabsTrigger>
        </TabsList>
        <TabsContent value="find">
          <ClientSearch
            autoFocus
            renderRow={(row) => <ClientPickButton client={row} onPick={setClient} />}
          />
        </TabsContent>
        <TabsContent value="new">
          <NewClientForm
            idPrefix="walk-in-client"
            submitLabel={t('addAndContinue')}
            onCreated={(created) => setClient({ id: created.id, name: created.name })}
          />
        </TabsContent>
      </Tabs>
    );
  }
  return (
    <WalkInBooking client={client} onChangeClient={() => setClient(undefined)} onDone={onDone} />
  );
}

function WalkInBooking({
  client,
  onChangeClient,
  onDone,
}: {
  client: { id: string; name: string };
  onChangeClient: () => void;
  onDone: () => void;
}) {
  const { formatTime } = useFormat();
  const t = useTranslations('staff.walkIn');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const branches = useQuery(trpc.branch.list.queryOptions());
  const [branchId, setBranchId] = useState('');
  const branch =
    branches.data?.find((b) => b.id === branchId) ??
    (branches.data?.length === 1 ? branches.data[0] : undefined);
  const therapists = useQuery(
    trpc.therapist.list.queryOptions({ branchId: branch?.id }, { enabled: Boolean(branch) }),
  );
  const [therapistId, setTherapistId] = useState('');
  const therapist = therapists.data?.find((t) => t.id === therapistId);
  const services = useQuery(
    trpc.service.list.queryOptions({ therapistId: therapist?.id }, { enabled: Boolean(therapist) }),
  );
  const [serviceId, setServiceId] = useState(STANDARD);
  const service = services.data?.find((s) => s.id === serviceId);
  const timeZone = branch?.timezone ?? 'UTC';
  // Walk-ins take today's free times, on the branch's calendar.
  const today = dayKeyOf(new Date(), timeZone);
  // From the day's start: availability leaves out what has already begun.
  const from = useMemo(() => startOfDayKey(today, timeZone), [today, timeZone]);
  const to = useMemo(() => startOfDayKey(addDaysToKey(today, 1), timeZone), [today, timeZone]);
  const slots = useQuery(
    trpc.therapist.availability.queryOptions(
      {
        therapistId: therapist?.id ?? '',
        branchId: branch?.id,
        from,
        to,
        ...(service ? { serviceId: service.id } : {}),
      },
      { enabled: Boolean(branch && therapist) },
    ),
  );
  const [slotKey, setSlotKey] = useState('');
  const slot =
    slots.data?.slots.find((s) => s.startsAt.toISOString() === slotKey) ?? slots.data?.slots[0];
  const [method, setMethod] = useState<PaymentDraft['method'] | typeof LATER>('cash');
  const [draft, setDraft] = useState<PaymentDraft>({ method: 'cash', amount: '', reference: '' });
  const [amountError, setAmountError] = useState<string>();
  const amount = draft.amount || (service ? String(service.priceCents / 100) : '');

  const book = useMutation(trpc.reservation.create.mutationOptions());
  const pay = useMutation(trpc.desk.recordPayment.mutationOptions());
  const submit = async () => {
    if (!branch || !therapist || !slot) return;
    const amountCents = method === LATER ? undefined : toCents(amount);
    if (method !== LATER && !amountCents) {
      setAmountError(t('enterAmount'));
      return;
    }
    setAmountError(undefined);
    let reservation;
    try {
      reservation = await book.mutateAsync({
        therapistId: therapist.id,
        branchId: branch.id,
        startsAt: slot.startsAt,
        clientId: client.id,
        payAtDesk: true,
        ...(service ? { serviceId: service.id } : {}),
      });
    } catch {
      // Shown above the form (book.error); a taken time comes back with fresh free times.
      void slots.refetch();
      return;
    }
    void queryClient.invalidateQueries({ queryKey: trpc.reservation.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.therapist.availability.pathKey() });
    if (method !== LATER && amountCents) {
      try {
        await pay.mutateAsync({
          reservationId: reservation.id,
          amountCents,
          method,
          reference: draft.reference.trim() || null,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.desk.payments.pathKey() });
      } catch (error) {
        // The session is booked either way; the card's "Take payment" records it later.
        toast.error(t('paymentFailed', { reason: errorMessage(error) }));
        onDone();
        return;
      }
    }
    toast.success(
      t('booked', {
        name: client.name,
        time: formatTime(reservation.startsAt, reservation.branch.timeZone),
      }),
    );
    onDone();
  };
  const failure = book.error ?? pay.error;

  return (
    <div className="grid gap-4">
      <ChosenClient
        className="bg-muted/50 rounded-lg p-3"
        changeLabel={t('change')}
        onChange={onChangeClient}
      >
        {t.rich('walkIn', { name: client.name, strong: (chunks) => <strong>{chunks}</strong> })}
      </ChosenClient>
      {failure ? (
        <Alert variant="destructive">
          <CircleAlert />
          <AlertDescription>{errorMessage(failure)}</AlertDescription>
        </Alert>
      ) : null}
      <Field id="walk-in-branch" label={t('branch')}>
        <NativeSelect
          id="walk-in-branch"
          value={branch?.id ?? ''}
          onChange={(e) => {
            setBranchId(e.target.value);
            setTherapistId('');
            setServiceId(STANDARD);
            setSlotKey('');
          }}
        >
          <option value="" disabled>
            {t('chooseBranch')}
          </option>
          {(branches.data ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="walk-in-therapist" label={t('therapist')}>
        <NativeSelect
          id="walk-in-therapist"
          value={therapistId}
          disabled={!branch}
          onChange={(e) => {
            setTherapistId(e.target.value);
            setServiceId(STANDARD);
            setSlotKey('');
          }}
        >
          <option value="" disabled>
            {t('chooseTherapist')}
          </option>
          {(therapists.data ?? []).map((therapist) => (
            <option key={therapist.id} value={therapist.id}>
              {therapist.name}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="walk-in-service" label={t('service')}>
        <NativeSelect
          id="walk-in-service"
          value={serviceId}
          disabled={!therapist}
          onChange={(e) => {
            setServiceId(e.target.value);
            setSlotKey('');
            setDraft((d) => ({ ...d, amount: '' }));
          }}
        >
          <option value={STANDARD}>
            {therapist
              ? t('standardMinutes', { minutes: therapist.sessionMinutes })
              : t('standard')}
          </option>
          {(services.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {t('serviceMinutes', { name: s.name, minutes: s.durationMinutes })}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field
        id="walk-in-time"
        label={t('timeToday')}
        description={
          therapist && slots.isSuccess && slots.data.slots.length === 0
            ? t('noTimeLeft', { name: therapist.name })
            : undefined
        }
      >
        <NativeSelect
          id="walk-in-time"
          value={slot ? slot.startsAt.toISOString() : ''}
          disabled={!slots.data?.slots.length}
          onChange={(e) => setSlotKey(e.target.value)}
        >
          {!therapist ? <option value="">{t('therapistFirst')}</option> : null}
          {therapist && slots.isPending ? <option value="">{t('loadingTimes')}</option> : null}
          {(slots.data?.slots ?? []).map((s) => (
            <option key={s.startsAt.toISOString()} value={s.startsAt.toISOString()}>
              {formatTime(s.startsAt, s.timeZone)}–{formatTime(s.endsAt, s.timeZone)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">{t('paidAtDesk')}</legend>
        <label className="flex items-center gap-3 text-sm">
          <input
            type="checkbox"
            className="accent-primary size-4"
            checked={method === LATER}
            onChange={(e) => setMethod(e.target.checked ? LATER : draft.method)}
          />
          {t('payLater')}
        </label>
        {method === LATER ? null : (
          <PaymentFields
            idPrefix="walk-in-payment"
            value={{ ...draft, amount }}
            currency={service?.currency}
            amountError={amountError}
            onChange={(next) => {
              setDraft(next);
              setMethod(next.method);
            }}
          />
        )}
      </fieldset>
      <Button
        size="lg"
        disabled={!slot}
        loading={book.isPending || pay.isPending}
        onClick={() => void submit()}
      >
        {t('book')}
      </Button>
    </div>
  );
}
