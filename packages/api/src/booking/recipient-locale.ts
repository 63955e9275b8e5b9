import type { Locale } from '@eventora/mail';
import { requireClinic, type TenantClient } from '@eventora/tenancy';

/**
 * The language of a person's mail: their own choice, else their clinic's default (the
 * registry's `clinics.locale`, which the runtime role may read), else English. A clinic in its
 * own database has no registry there: English unless the person chose.
 */
export async function recipientLocale(
  db: Pick<TenantClient, '$queryRaw'>,
  own: string | null | undefined,
): Promise<Locale> {
  if (own === 'en' || own === 'es') return own;
  const clinic = requireClinic();
  if (clinic.mode === 'database') return 'en';
  const rows = await db.$queryRaw<{ locale: string }[]>`
    SELECT locale FROM public.clinics WHERE id = ${clinic.id}::uuid`;
  return rows[0]?.locale === 'es' ? 'es' : 'en';
}
