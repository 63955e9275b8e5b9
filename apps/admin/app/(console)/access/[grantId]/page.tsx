import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { AccessView } from '~/components/access/access-view';

export const metadata: Metadata = { title: 'Data access' };

export default async function AccessPage({ params }: { params: Promise<{ grantId: string }> }) {
  const { grantId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(grantId)) notFound();
  return <AccessView grantId={grantId} />;
}
