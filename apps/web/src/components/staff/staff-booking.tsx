'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { BookingFlow } from '~/components/booking/booking-flow';
import { ChosenClient, ClientPickButton, ClientSearch } from './client-search';

/** Staff book on a client's behalf: find the client, then the same flow clients use. */
export function StaffBooking() {
  const t = useTranslations('staff.book');
  const [client, setClient] = useState<{ id: string; name: string }>();
  if (!client) {
    return (
      <div className="max-w-2xl">
        <ClientSearch
          autoFocus
          renderRow={(row) => <ClientPickButton client={row} onPick={setClient} />}
        />
      </div>
    );
  }
  return (
    <div className="grid gap-6">
      <ChosenClient
        className="bg-card rounded-xl border p-3 pl-4"
        changeLabel={t('changeClient')}
        onChange={() => setClient(undefined)}
      >
        {t.rich('bookingFor', { name: client.name, strong: (chunks) => <strong>{chunks}</strong> })}
      </ChosenClient>
      <BookingFlow key={client.id} client={client} bookingsHref="/staff" />
    </div>
  );
}
