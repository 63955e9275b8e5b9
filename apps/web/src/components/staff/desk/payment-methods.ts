/** How money is taken at the desk (`desk.recordPayment`), as the desk calls them. */
export const PAYMENT_METHODS = {
  cash: 'Cash',
  card_terminal: 'Card terminal',
  transfer: 'Bank transfer',
} as const;

export type PaymentMethod = keyof typeof PAYMENT_METHODS;

/** `12.50` → 1250; undefined when it is not an amount. */
export function toCents(text: string): number | undefined {
  const value = Number(text.replace(',', '.'));
  if (!text.trim() || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.round(value * 100);
}
