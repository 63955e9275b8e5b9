import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { ClinicDetail } from '~/components/clinic/clinic-detail';
import { portalUrlPattern } from '~/server/operator';
import { HydrateClient, prefetch, trpc } from '~/trpc/server';

export const metadata: Metadata = { title: 'Clinic' };

export default async function ClinicPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  // The registry row renders with the page; the panels' own data follows from the browser.
  await prefetch(trpc.admin.clinic.byId.queryOptions({ id }));
  return (
    <HydrateClient>
      <ClinicDetail id={id} portalUrlPattern={portalUrlPattern()} />
    </HydrateClient>
  );
}
