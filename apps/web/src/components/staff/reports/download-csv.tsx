'use client';

import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useTRPCClient } from '~/trpc/react';
import type { ReportRange } from './report-range';

/** Fetches `report.csv` for the range and hands it to the browser as a file. */
export function DownloadCsv({ range }: { range: ReportRange | undefined }) {
  const t = useTranslations('reports');
  const client = useTRPCClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const download = async () => {
    if (!range) return;
    setPending(true);
    setError(undefined);
    try {
      const file = await client.report.csv.query(range);
      const url = URL.createObjectURL(new Blob([file.content], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      // The browser reads the blob after the click returns: free it a little later.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="grid justify-items-end gap-1">
      <Button variant="outline" disabled={!range || pending} onClick={() => void download()}>
        <Download aria-hidden />
        {pending ? t('downloading') : t('downloadCsv')}
      </Button>
      {error ? (
        <p role="alert" className="text-destructive text-sm">
          {t('downloadFailed', { reason: error })}
        </p>
      ) : null}
    </div>
  );
}
