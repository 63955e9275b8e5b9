'use client';

import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import { dayKeyOf } from '~/lib/time';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';
import { lastDays, reportRange, type Preset } from './report-range';

export type Report = RouterOutputs['report']['summary'];

/**
 * The chosen range (a preset counted back from today on the clinic's calendar, or two dates)
 * and the report for it. While a new range loads, the last figures stay on screen.
 */
export function useReport(timeZone: string) {
  const trpc = useTRPC();
  const today = useMemo(() => dayKeyOf(new Date(), timeZone), [timeZone]);
  const [preset, setPreset] = useState<Preset>('30');
  const [custom, setCustom] = useState(() => lastDays(30, today));
  const dates = preset === 'custom' ? custom : lastDays(Number(preset), today);
  const chosen = reportRange(dates.from, dates.to);
  const report = useQuery({
    ...trpc.report.summary.queryOptions(chosen.range ?? skipToken),
    placeholderData: keepPreviousData,
  });
  return {
    today,
    preset,
    choosePreset: (next: Preset) => {
      // Custom dates start from the range on screen, so "Custom" refines what one was looking at.
      if (next === 'custom' && preset !== 'custom') setCustom(dates);
      setPreset(next);
    },
    custom,
    setCustom,
    range: chosen.range,
    problem: chosen.problem,
    report,
  };
}
