import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { ClinicDetail } from '~/components/clinic/clinic-detail';
import { portalUrlPattern as pattern } from '~/server/operator';

export const metadata: Metadata = { title: 'Clinic' };

export default async function ClinicPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const portalUrlPattern = pattern();
  return <ClinicDetail id={id} portalUrlPattern={portalUrlPattern} />;
}
