import { describe, expect, it } from 'vitest';

import {
  dayKeyParts,
  formatDayRange,
  formatLongDay,
  formatHours,
  formatMinutes,
  formatMoney,
  formatNumber,
  formatPercent,
  formatTime,
  relativeTo,
  weekdayName,
} from './time';

// Tuesday 8 December 2026, 10:00 in Mexico City (UTC-6).
const SESSION = new Date('2026-12-08T16:00:00Z');
const ZONE = 'America/Mexico_City';

describe('dates, times and money in the reader’s language, on the branch’s clock', () => {
  it('speaks Mexican Spanish for es-MX', () => {
    expect(formatLongDay(SESSION, ZONE, 'es-MX')).toBe('martes, 8 de diciembre');
    expect(formatTime(SESSION, ZONE, 'es-MX')).toBe('10:00 a.m.');
    expect(formatMoney(120_000, 'mxn', 'es-MX')).toBe('$1,200.00');
    expect(weekdayName(2, 'es-MX')).toBe('martes');
    expect(dayKeyParts('2026-12-08', 'es-MX').long).toBe('martes, 8 de diciembre');
    expect(formatDayRange('2026-12-24', '2026-12-26', 'es-MX')).toBe('24–26 de dic de 2026');
    expect(relativeTo(new Date('2026-12-10T16:00:00Z'), SESSION, 'es-MX')).toBe('pasado mañana');
  });

  it('speaks English for en', () => {
    expect(formatLongDay(SESSION, ZONE, 'en')).toBe('Tuesday, December 8');
    expect(formatTime(SESSION, ZONE, 'en')).toBe('10:00 AM');
    expect(formatMoney(120_000, 'usd', 'en')).toBe('$1,200.00');
    expect(weekdayName(0, 'en', 'short')).toBe('Sun');
    expect(formatDayRange('2026-12-24', '2026-12-24', 'en')).toBe('Dec 24, 2026');
    // Intl puts thin spaces (U+2009) around the range's dash in English.
    expect(formatDayRange('2026-12-24', '2026-12-26', 'en')).toBe('Dec 24\u2009–\u200926, 2026');
  });

  it('keeps the branch’s clock whatever the language', () => {
    expect(formatTime(SESSION, 'Europe/Madrid', 'es-MX')).toBe('5:00 p.m.');
    expect(formatMinutes(1440, 'es-MX', 'medianoche')).toBe('medianoche');
    expect(formatMinutes(570, 'es-MX', 'medianoche')).toBe('9:30 a.m.');
  });

  it('formats the reports’ shares, counts and hours by locale', () => {
    expect(formatPercent(0.125, 'en')).toBe('12.5%');
    expect(formatPercent(1 / 3, 'es-MX')).toBe('33.3%');
    expect(formatNumber(12_345, 'es-MX')).toBe('12,345');
    expect(formatNumber(2.25, 'en', 1)).toBe('2.3');
    expect(formatHours(750, 'en')).toBe('12.5 hr');
    expect(formatHours(750, 'es-MX')).toBe('12.5 h');
  });
});
