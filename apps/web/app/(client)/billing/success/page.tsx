import type { Metadata } from 'next';

import { CheckoutResult } from '~/components/billing/checkout-result';

export const metadata: Metadata = { title: 'Payment received' };

export default async function SuccessPage({
  searchParams,
}: {
  searchParams: Promise<{ session_id?: string }>;
}) {
  const { session_id: sessionId } = await searchParams;
  return <CheckoutResult sessionId={sessionId ?? ''} />;
}
