'use client';

import { Field } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';
import { useTranslations } from 'next-intl';

import { PAYMENT_METHODS, type PaymentMethod } from './payment-methods';

export interface PaymentDraft {
  method: PaymentMethod;
  amount: string;
  reference: string;
}

/** Method, amount and receipt reference of money taken at the desk. */
export function PaymentFields({
  idPrefix,
  value,
  onChange,
  amountError,
  currency,
}: {
  idPrefix: string;
  value: PaymentDraft;
  onChange: (value: PaymentDraft) => void;
  amountError?: string;
  currency?: string;
}) {
  const t = useTranslations('staff.desk');
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={id('method')} label={t('paymentMethod')}>
        <NativeSelect
          id={id('method')}
          value={value.method}
          onChange={(event) => onChange({ ...value, method: event.target.value as PaymentMethod })}
        >
          {PAYMENT_METHODS.map((method) => (
            <option key={method} value={method}>
              {t(`methods.${method}`)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field
        id={id('amount')}
        label={currency ? t('amountIn', { currency: currency.toUpperCase() }) : t('amount')}
        error={amountError}
      >
        <Input
          id={id('amount')}
          type="number"
          inputMode="decimal"
          min={0}
          step="0.01"
          aria-invalid={amountError ? true : undefined}
          aria-describedby={amountError ? `${id('amount')}-error` : undefined}
          value={value.amount}
          onChange={(event) => onChange({ ...value, amount: event.target.value })}
        />
      </Field>
      <Field id={id('reference')} label={t('reference')} className="sm:col-span-2">
        <Input
          id={id('reference')}
          autoComplete="off"
          value={value.reference}
          onChange={(event) => onChange({ ...value, reference: event.target.value })}
        />
      </Field>
    </div>
  );
}
