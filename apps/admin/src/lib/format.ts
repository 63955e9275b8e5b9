/** Formatting shared by the console's pages: one place, so every table reads alike. */

const integer = new Intl.NumberFormat('en-US');

export function formatCount(value: number | null | undefined): string {
  return value == null ? '—' : integer.format(value);
}

const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Milliseconds, to a tenth: `182.5 ms`. */
export function formatMs(value: number | null | undefined): string {
  return value == null ? '—' : `${decimal.format(value)} ms`;
}

/** A percentage already multiplied by 100: `0.25 %`. */
export function formatPercent(value: number | null | undefined): string {
  return value == null ? '—' : `${percent.format(value)} %`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** Operators work across time zones: the console speaks UTC, and says so. */
export function formatDateTime(date: Date | string | null | undefined): string {
  if (!date) return '—';
  return `${dateTime.format(new Date(date))} UTC`;
}

const dayLabel = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `2026-11-27` → `27 Nov` (chart axes). */
export function formatDay(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

/** `mm:ss` (or `h:mm:ss`) left until a moment; `0:00` once it has passed. */
export function formatRemaining(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}
