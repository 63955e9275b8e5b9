'use client';

import { useEffect, useState } from 'react';

/** Whole seconds since `running` became true (0 while it is false). */
export function useElapsed(running: boolean): number {
  const [started, setStarted] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!running) return;
    const start = Date.now();
    const timer = setInterval(() => {
      setStarted((current) => current ?? start);
      setNow(Date.now());
    }, 500);
    return () => {
      clearInterval(timer);
      setStarted(null);
    };
  }, [running]);
  return started ? Math.max(0, Math.round((now - started) / 1000)) : 0;
}
