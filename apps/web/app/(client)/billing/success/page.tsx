import { CheckoutResult } from '~/components/billing/checkout-result';
import { titled } from '~/i18n/page-title';

export const generateMetadata = titled('paymentReceived');

export default async function SuccessPage({
  searchParams,
}: {
  searchParams: Promise<{ session_id?: string }>;
}) {
  const { session_id: sessionId } = await searchParams;
  return <CheckoutResult sessionId={sessionId ?? ''} />;
}
