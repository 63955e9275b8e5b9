import { SimulatedCheckout } from '~/components/billing/simulated-checkout';
import { titled } from '~/i18n/page-title';

export const generateMetadata = titled('simulatedCheckout');

export default async function SimulatedCheckoutPage({
  searchParams,
}: {
  searchParams: Promise<{ session?: string }>;
}) {
  const { session } = await searchParams;
  return <SimulatedCheckout sessionId={session ?? ''} />;
}
