import { compareLocalDates, type LocalDate } from './local-time';

/**
 * Days nobody can book with a therapist: their time off and the clinic's holidays, as local
 * dates (both ends included) read on the branch's calendar. A yearly entry repeats on the same
 * month and day every year, across New Year when it starts in December and ends in January.
 */
export interface DaysOff {
  first: LocalDate;
  last: LocalDate;
  recursYearly: boolean;
}

/** Month and day as one comparable number: 1225 for 25 December. */
const monthDay = (date: LocalDate) => date.month * 100 + date.day;

export function isDayOff(date: LocalDate, entries: readonly DaysOff[]): boolean {
  return entries.some((entry) => {
    if (!entry.recursYearly) {
      return compareLocalDates(entry.first, date) <= 0 && compareLocalDates(date, entry.last) <= 0;
    }
    const from = monthDay(entry.first);
    const to = monthDay(entry.last);
    const day = monthDay(date);
    // Not before the first occurrence; then every year on the same dates.
    if (compareLocalDates(date, entry.first) < 0) return false;
    return from <= to ? from <= day && day <= to : day >= from || day <= to;
  });
}

/** A `date` column as Prisma returns it (midnight UTC) to a calendar date. */
export function localDateOfColumn(value: Date): LocalDate {
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
}
