import type { Role } from '../../generated/prisma/client';

/** 0 = Sunday … 6 = Saturday, as in the opening_hours and therapist_shifts tables. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A local wall-clock time, `HH:MM`. */
export type ClockTime = `${number}:${number}`;

export const MON = 1;
export const TUE = 2;
export const WED = 3;
export const THU = 4;
export const FRI = 5;
export const SAT = 6;
export const MON_TO_FRI: Weekday[] = [MON, TUE, WED, THU, FRI];

/**
 * Everything one demo clinic holds, by readable keys; the seed turns keys into fixed UUIDs and
 * weeks into dates. The same shape serves every tenancy mode: `mode` and `schemaName` only
 * change the clinic's registry row and where its rows are written.
 */
export interface ClinicSpec {
  slug: string;
  name: string;
  /** IANA timezone of the clinic (and of its branches unless a branch says otherwise). */
  timezone: string;
  /** ISO 4217, lower-case, for every package price. */
  currency: string;
  brandColor: string;
  mode: 'shared' | 'schema';
  /** `clinic_<slug>` when mode = schema. */
  schemaName?: string;
  users: UserSpec[];
  branches: BranchSpec[];
  therapists: TherapistSpec[];
  packages: PackageSpec[];
  purchases: PurchaseSpec[];
  reservations: ReservationSpec[];
  /** What can be booked; the lively schedule books each therapist's sessions as one of these. */
  services?: ServiceSpec[];
  /** Regular clients who book at the desk (no portal account): the lively schedule's people. */
  regulars?: string[];
}

export interface ServiceSpec {
  key: string;
  name: string;
  minutes: number;
  priceCents: number;
  /** Keys of the therapists who offer it. */
  therapists: string[];
}

export interface UserSpec {
  key: string;
  /** Lower-case; unique within the clinic (the same email may exist at another clinic). */
  email: string;
  name: string;
  role: Role;
  phone?: string;
}

export interface BranchSpec {
  key: string;
  name: string;
  address: string;
  timezone?: string;
  hours: { weekdays: Weekday[]; opens: ClockTime; closes: ClockTime }[];
}

export interface TherapistSpec {
  key: string;
  name: string;
  bio: string;
  sessionMinutes: number;
  /** Key of the THERAPIST user who signs in as this therapist, if any. */
  user?: string;
  /** Weekly shifts; the therapist works at every branch named here. */
  shifts: { branch: string; weekdays: Weekday[]; from: ClockTime; to: ClockTime }[];
}

export interface PackageSpec {
  key: string;
  name: string;
  description: string;
  sessions: number;
  priceCents: number;
  validityDays: number;
}

export interface PurchaseSpec {
  key: string;
  user: string;
  package: string;
  /** Bought this many days before the anchor (Monday 00:00 UTC of the seed week). */
  daysBeforeAnchor: number;
}

export interface ReservationSpec {
  client: string;
  therapist: string;
  branch: string;
  /**
   * Weeks from the anchor week: negative weeks are past (completed unless marked otherwise),
   * positive weeks upcoming (booked unless cancelled). Week 0 is not allowed: whether its days
   * are past depends on the day the seed runs, and the seed must not.
   */
  week: number;
  weekday: Weekday;
  /** Local start time at the branch. */
  at: ClockTime;
  /** Paid with this purchase's credits. */
  purchase: string;
  status?: 'cancelled' | 'no_show';
  notes?: string;
}
