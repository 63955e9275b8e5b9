'use client';

import { useEffect, useState } from 'react';

import { formatRemaining } from '~/lib/format';

/** Milliseconds left until `until`, updated every second; calls `onEnd` once it is over. */
export function useRemaining(until: Date, onEnd?: () => void): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const remaining = until.getTime() - now;
  const ended = remaining <= 0;
  useEffect(() => {
    if (ended) onEnd?.();
  }, [ended, onEnd]);
  return remaining;
}

/**
 * Time left, as `mm:ss`. Screen readers hear a coarse copy (minutes) rather than every second.
 */
export function Countdown({
  until,
  onEnd,
  className = 'font-bold tabular-nums',
}: {
  until: Date;
  onEnd?: () => void;
  className?: string;
}) {
  const remaining = useRemaining(until, onEnd);
  const minutesLeft = Math.ceil(Math.max(0, remaining) / 60_000);
  return (
    <>
      <span className={className} aria-hidden="true">
        {formatRemaining(remaining)}
      </span>
      <span className="sr-only" aria-live="polite">
        {remaining > 0
          ? `${minutesLeft} minute${minutesLeft === 1 ? '' : 's'} left`
          : 'Access ended'}
      </span>
    </>
  );
}
