import { services } from '~/server/services';

/*
 * Stripe's webhook (and, without Stripe keys, the simulated provider's). @eventora/billing
 * verifies the signature on the raw body, finds the clinic from the stored checkout mapping
 * and fulfils in that clinic's own schema or database. No cookies, no clinic from the host.
 */
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const billing = services().billing;
  if (!billing) return Response.json({ error: 'Payments are off.' }, { status: 404 });
  return billing.handleWebhook(request);
}
