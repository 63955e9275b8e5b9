import { ClinicMark } from '~/components/clinic-mark';
import { UnsubscribeReminders } from '~/components/account/unsubscribe-reminders';
import { titled } from '~/i18n/page-title';
import { requireClinic } from '~/server/portal';

export const generateMetadata = titled('unsubscribe', { referrer: 'no-referrer' });

/**
 * Where a reminder's unsubscribe link lands: no session needed, the token says who. Nothing
 * changes on opening the page (mail scanners open links); the person confirms with a button.
 */
export default async function UnsubscribePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const clinic = await requireClinic();
  const { token } = await searchParams;
  return (
    <main id="main" className="mx-auto flex w-full max-w-md flex-col px-4 py-8 sm:py-16">
      <div className="mb-8 flex items-center gap-3 self-center">
        <ClinicMark name={clinic.name} className="size-11 text-base" />
        <span className="text-xl font-semibold tracking-tight">{clinic.name}</span>
      </div>
      <UnsubscribeReminders clinicName={clinic.name} token={token ?? ''} />
    </main>
  );
}
