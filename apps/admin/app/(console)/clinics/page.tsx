import { Button } from '@eventora/ui/button';
import { PageHeader } from '@eventora/ui/page-header';
import type { Metadata } from 'next';
import Link from 'next/link';

import { ClinicRegistry } from '~/components/clinics/clinic-registry';
import { parseRegistryQuery } from '~/components/clinics/registry-query';

export const metadata: Metadata = { title: 'Clinics' };

export default async function ClinicsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initial = parseRegistryQuery(await searchParams);
  return (
    <>
      <PageHeader
        title="Clinics"
        description="Every clinic on the platform, with live figures. Times are UTC."
        actions={
          <Button asChild>
            <Link href="/clinics/new">Onboard a clinic</Link>
          </Button>
        }
      />
      <ClinicRegistry initial={initial} />
    </>
  );
}
