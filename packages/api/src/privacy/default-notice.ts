/** Months a clinic keeps anonymised clinical and billing records unless its owner sets otherwise. */
export const DEFAULT_RETENTION_MONTHS = 60;

/**
 * The privacy notice a clinic publishes until its owner writes its own: who holds the data,
 * what for, for how long, and the rights a person has over it.
 */
export function defaultNoticeBody(clinicName: string, retentionMonths: number): string {
  return [
    `${clinicName} is responsible for the personal data you give it through this portal.`,
    '',
    'What we keep: your name, email address and phone number; your bookings, purchases and credits; and a record of who at the clinic opened your file.',
    '',
    'Why: to book and run your sessions, to take payment, and to meet our legal duties as a health provider.',
    '',
    `How long: while you have an account. If you ask us to erase your data, we remove your name, email, phone and notes; we keep your bookings and payments without your identity for ${retentionMonths} months, because the law requires us to keep clinical and billing records.`,
    '',
    'Your rights: from your account page you can download your data, correct your name and phone, and ask to be forgotten. You can also write to the clinic.',
  ].join('\n');
}
