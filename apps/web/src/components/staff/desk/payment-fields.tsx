'use client';

import { Field } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';

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
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={id('method')} label="Payment method">
        <NativeSelect
          id={id('method')}
          value={value.method}
          onChange={(event) => onChange({ ...value, method: event.target.value as PaymentMethod })}
        >
          {Object.entries(PAYMENT_METHODS).map(([method, label]) => (
            <option key={method} value={method}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field
        id={id('amount')}
        label={currency ? `Amount (${currency.toUpperCase()})` : 'Amount'}
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
      <Field id={id('reference')} label="Receipt or reference (optional)" className="sm:col-span-2">
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
