import type { Metadata } from 'next';

import { SimulatedCheckout } from '~/components/billing/simulated-checkout';

export const metadata: Metadata = { title: 'Checkout (simulated)' };

export default async function SimulatedCheckoutPage({
  searchParams,
}: {
  searchParams: Promise<{ session?: string }>;
}) {
  const { session } = await searchParams;
  return <SimulatedCheckout sessionId={session ?? ''} />;
}
