'use client';

import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { PaymentFields, type PaymentDraft } from './payment-fields';
import { toCents } from './payment-methods';
import type { DeskReservation } from './use-desk-day';

/** Records money taken at the desk for a session booked without a credit. */
export function TakePaymentDialog({
  reservation,
  open,
  onOpenChange,
}: {
  reservation: DeskReservation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('staff.desk');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PaymentDraft>({ method: 'cash', amount: '', reference: '' });
  const [amountError, setAmountError] = useState<string>();
  const record = useMutation(
    trpc.desk.recordPayment.mutationOptions({
      onSuccess: (payment) => {
        toast.success(
          t('paymentRecorded', {
            method: t(`methods.${payment.method}`),
            name: reservation.client.name,
          }),
        );
        void queryClient.invalidateQueries({ queryKey: trpc.desk.payments.pathKey() });
        onOpenChange(false);
      },
    }),
  );
  const submit = () => {
    const amountCents = toCents(draft.amount);
    setAmountError(amountCents ? undefined : t('enterAmount'));
    if (!amountCents) return;
    record.mutate({
      reservationId: reservation.id,
      amountCents,
      method: draft.method,
      reference: draft.reference.trim() || null,
    });
  };
  return (
    <ActionDialog
      open={open}
      onOpenChange={onOpenChange}
      busy={record.isPending}
      title={t('takePayment')}
      description={`${reservation.client.name}${reservation.service ? ` · ${reservation.service.name}` : ''}`}
      error={record.error}
    >
      <PaymentFields
        idPrefix="take-payment"
        value={draft}
        onChange={setDraft}
        amountError={amountError}
      />
      <DialogActions
        onCancel={() => onOpenChange(false)}
        submitLabel={t('recordPayment')}
        onSubmit={submit}
        pending={record.isPending}
      />
    </ActionDialog>
  );
}
