/** How money is taken at the desk (`desk.recordPayment`); their names are `staff.desk.methods`. */
export const PAYMENT_METHODS = ['cash', 'card_terminal', 'transfer'] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** `12.50` → 1250; undefined when it is not an amount. */
export function toCents(text: string): number | undefined {
  const value = Number(text.replace(',', '.'));
  if (!text.trim() || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.round(value * 100);
}
