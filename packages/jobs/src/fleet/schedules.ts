import type { ClinicQueueName } from '../queue/queues';

/** A periodic task over every clinic: a slot every `everyMinutes`, `offsetMinutes` past (UTC). */
export interface FleetSchedule {
  name: string;
  queue: ClinicQueueName;
  everyMinutes: number;
  offsetMinutes: number;
}

/**
 * The fleet's schedules and their default times (UTC). Per-clinic timing lives in the tasks:
 * a reminder goes out `reminder_hours_before` (default 24) before the session on the branch's
 * clock, a session completes `completion_grace_hours` (default 24) after it ends.
 */
export const FLEET_SCHEDULES: readonly FleetSchedule[] = [
  { name: 'reminders', queue: 'clinic.reminders', everyMinutes: 15, offsetMinutes: 0 },
  { name: 'outbox-sweep', queue: 'mail.deliver', everyMinutes: 5, offsetMinutes: 2 },
  // A held waitlist offer passes on within five minutes of its hold running out.
  { name: 'waitlist', queue: 'clinic.waitlist', everyMinutes: 5, offsetMinutes: 1 },
  { name: 'cleanup', queue: 'clinic.cleanup', everyMinutes: 60, offsetMinutes: 10 },
  {
    name: 'complete-bookings',
    queue: 'clinic.complete-bookings',
    everyMinutes: 60,
    offsetMinutes: 20,
  },
  // 08:00 UTC: morning in Europe, before opening in the Americas.
  {
    name: 'package-expiry',
    queue: 'clinic.package-expiry',
    everyMinutes: 1440,
    offsetMinutes: 480,
  },
  // 00:30 UTC: yesterday is complete in UTC, which the health views count by.
  { name: 'usage-rollup', queue: 'clinic.usage-rollup', everyMinutes: 1440, offsetMinutes: 30 },
  // 02:00 UTC: night in Europe and the Americas. Run only by a worker configured with an owner
  // URL and a backup store (apps/worker); each clinic's backup, then its retention.
  { name: 'backups', queue: 'clinic.backups', everyMinutes: 1440, offsetMinutes: 120 },
];

/** The start of the schedule's slot that contains `now`. */
export function currentSlot(schedule: FleetSchedule, now: Date): Date {
  const every = schedule.everyMinutes * 60_000;
  const offset = schedule.offsetMinutes * 60_000;
  return new Date(Math.floor((now.getTime() - offset) / every) * every + offset);
}
