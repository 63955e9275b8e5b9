import { randomUUID } from 'node:crypto';

/**
 * How each procedure of the portal's router is attacked from clinic A to reach clinic B. The
 * cross-clinic suite walks the router itself and fails when a procedure has no case here, so
 * a new procedure cannot ship without saying how it keeps clinics apart.
 */
export type Attacker = 'owner' | 'staff' | 'client' | 'anonymous';

/**
 * Records that only exist once the suite has made them: a checkout of B's client, a service
 * and a day off B's staff set up (`isolationExtrasOf` makes the last two).
 */
export interface IsolationExtras {
  checkoutOfB: string;
  /** A pending erasure request of B's client. */
  erasureRequestOfB: string;
  /** A's current privacy notice version when the pair's cases start (A may run several pairs). */
  noticeVersionOfA: number;
  serviceOfB: string;
  timeOffOfB: string;
  /** A genuine unsubscribe token of B's client (as B's reminders carry), signed by the suite. */
  unsubscribeTokenOfB: string;
  /** B's client's waitlist entry (WAITLIST_OF_B at B's branch). */
  waitlistEntryOfB: string;
}

interface TargetUser {
  id: string;
  email: string;
}

/**
 * What a case needs to know of a clinic: its address, id, one record of each kind and one user
 * of each role. The api test kit's clinics have this shape, and so do the demo clinics the
 * end-to-end suites run against (e2e/), so both suites share these cases.
 */
export interface IsolationTarget {
  slug: string;
  clinic: { id: string };
  ids: {
    client: string;
    branch: string;
    therapist: string;
    package: string;
    userPackage: string;
    reservation: string;
  };
  owner: TargetUser;
  staff: TargetUser;
  therapistUser: TargetUser;
  client: TargetUser;
}

export type IsolationCase =
  /** Names one of B's records: must answer NOT_FOUND, exactly like a made-up id. */
  | {
      kind: 'foreign-id';
      as: Attacker;
      input: (b: IsolationTarget, a: IsolationTarget, extras: IsolationExtras) => unknown;
    }
  /**
   * Takes no record id (lists, searches, counts, one's own data): must succeed and show
   * nothing of B — none of B's ids or emails anywhere in the answer.
   */
  | {
      kind: 'own-scope';
      as: Attacker;
      input: (a: IsolationTarget, b: IsolationTarget, extras: IsolationExtras) => unknown;
    }
  /**
   * Works with credentials or tokens rather than ids (sign-in, password reset): B's
   * credentials presented at A's address must not get in.
   */
  | {
      kind: 'credentials';
      input: (b: IsolationTarget, extras: IsolationExtras) => unknown;
      expect: 'UNAUTHORIZED' | 'BAD_REQUEST' | 'accepted-without-effect';
    };

/** What B's staff set up before the cases run (see IsolationExtras). */
export const SERVICE_OF_B = (therapistId: string) => ({
  name: 'Deep tissue (B)',
  durationMinutes: 45,
  priceCents: 9000,
  therapistIds: [therapistId],
});
/** What B's client waits for (with B's branch). */
export const WAITLIST_OF_B = (branchId: string) => ({ branchId, day: '2030-12-20' });
export const TIME_OFF_OF_B = { firstDay: '2030-12-24', lastDay: '2030-12-26', recursYearly: true };

const slotInTheFuture = () => new Date(Date.now() + 10 * 86_400_000);

export const ISOLATION_CASES: Record<string, IsolationCase> = {
  // auth
  'auth.signIn': {
    kind: 'credentials',
    input: (b) => ({ email: b.owner.email, password: 'anything at all' }),
    expect: 'UNAUTHORIZED',
  },
  'auth.signUp': {
    kind: 'credentials',
    // Signing up at A with B's owner's email creates an account at A, never touches B's.
    input: (b, extras) => ({
      email: b.owner.email,
      name: 'Copycat',
      password: 'a long unusual passphrase',
      // A's current notice: an earlier pair at A may have published a newer one.
      acceptedNoticeVersion: extras.noticeVersionOfA,
    }),
    expect: 'accepted-without-effect',
  },
  'auth.signOut': { kind: 'own-scope', as: 'client', input: () => ({ everywhere: true }) },
  'auth.me': { kind: 'own-scope', as: 'client', input: () => undefined },
  // English: the e2e run's browser journeys that follow this suite sign in as the same demo
  // client and read English (a Spanish choice left behind sent them to a Spanish portal).
  'auth.setLocale': { kind: 'own-scope', as: 'client', input: () => ({ locale: 'en' }) },
  'auth.requestPasswordReset': {
    kind: 'credentials',
    input: (b) => ({ email: b.client.email }),
    expect: 'accepted-without-effect',
  },
  'auth.resetPassword': {
    kind: 'credentials',
    input: () => ({ token: 'a'.repeat(32), newPassword: 'a long unusual passphrase' }),
    expect: 'BAD_REQUEST',
  },

  // branches
  'branch.list': { kind: 'own-scope', as: 'staff', input: () => ({ includeArchived: true }) },
  'branch.byId': { kind: 'foreign-id', as: 'client', input: (b) => ({ id: b.ids.branch }) },
  'branch.create': {
    kind: 'own-scope',
    as: 'staff',
    input: () => ({
      name: 'Isolation branch',
      timezone: 'UTC',
      openingHours: [{ weekday: 1, opensAt: 540, closesAt: 1020 }],
    }),
  },
  'branch.update': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.ids.branch, name: 'Taken over' }),
  },
  'branch.archive': { kind: 'foreign-id', as: 'staff', input: (b) => ({ id: b.ids.branch }) },

  // therapists
  'therapist.list': { kind: 'own-scope', as: 'staff', input: () => ({ includeArchived: true }) },
  'therapist.byId': { kind: 'foreign-id', as: 'client', input: (b) => ({ id: b.ids.therapist }) },
  'therapist.create': {
    kind: 'foreign-id',
    as: 'staff',
    // A new therapist at A assigned to B's branch, linked to B's therapist user.
    input: (b) => ({
      name: 'Isolation therapist',
      userId: b.therapistUser.id,
      branches: [{ branchId: b.ids.branch, shifts: [] }],
    }),
  },
  'therapist.update': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.ids.therapist, name: 'Taken over' }),
  },
  'therapist.archive': { kind: 'foreign-id', as: 'staff', input: (b) => ({ id: b.ids.therapist }) },
  'therapist.availability': {
    kind: 'foreign-id',
    as: 'client',
    input: (b) => {
      const from = slotInTheFuture();
      return {
        therapistId: b.ids.therapist,
        branchId: b.ids.branch,
        from,
        to: new Date(from.getTime() + 7 * 86_400_000),
      };
    },
  },

  // service packages
  'catalog.list': { kind: 'own-scope', as: 'client', input: () => ({}) },
  'catalog.byId': { kind: 'foreign-id', as: 'client', input: (b) => ({ id: b.ids.package }) },
  'catalog.create': {
    kind: 'own-scope',
    as: 'staff',
    input: () => ({
      name: 'Isolation pack',
      sessionsIncluded: 3,
      priceCents: 1000,
      currency: 'mxn',
      validityDays: 30,
    }),
  },
  'catalog.update': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.ids.package, priceCents: 1 }),
  },
  'catalog.archive': { kind: 'foreign-id', as: 'staff', input: (b) => ({ id: b.ids.package }) },

  // wallets and clients
  'wallet.list': { kind: 'foreign-id', as: 'staff', input: (b) => ({ clientId: b.client.id }) },
  'wallet.byId': { kind: 'foreign-id', as: 'staff', input: (b) => ({ id: b.ids.userPackage }) },
  'client.list': {
    kind: 'own-scope',
    as: 'staff',
    input: (_a, b) => ({ search: b.client.email.split('@')[0] }),
  },
  'client.byId': { kind: 'foreign-id', as: 'staff', input: (b) => ({ id: b.client.id }) },
  'client.create': {
    kind: 'own-scope',
    as: 'staff',
    input: () => ({ name: 'Walk-in', email: `walk-in-${randomUUID()}@example.com` }),
  },
  'client.update': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.client.id, name: 'Taken over', email: 'attacker@example.com' }),
  },
  'client.merge': {
    kind: 'foreign-id',
    as: 'staff',
    // B's client merged into A's: their bookings would move across clinics.
    input: (b, a) => ({ keepId: a.client.id, duplicateId: b.client.id }),
  },

  // the team and one-time links
  'team.list': { kind: 'own-scope', as: 'owner', input: () => undefined },
  'team.invite': {
    kind: 'own-scope',
    as: 'owner',
    input: () => ({ email: `hire-${randomUUID()}@example.com`, name: 'New hire', role: 'STAFF' }),
  },
  'team.resendInvitation': {
    kind: 'foreign-id',
    as: 'owner',
    input: (b) => ({ userId: b.staff.id }),
  },
  'team.changeRole': {
    kind: 'foreign-id',
    as: 'owner',
    input: (b) => ({ userId: b.owner.id, role: 'STAFF' }),
  },
  'team.setDisabled': {
    kind: 'foreign-id',
    as: 'owner',
    input: (b) => ({ userId: b.owner.id, disabled: true }),
  },
  'account.acceptInvitation': {
    kind: 'credentials',
    input: () => ({ token: 'a'.repeat(32), password: 'a long unusual passphrase' }),
    expect: 'BAD_REQUEST',
  },
  'account.confirmEmail': {
    kind: 'credentials',
    input: () => ({ token: 'a'.repeat(32) }),
    expect: 'BAD_REQUEST',
  },
  'account.unsubscribeReminders': {
    kind: 'credentials',
    // B's genuine link at A's address: refused, B's client keeps getting reminders.
    input: (_b, extras) => ({ token: extras.unsubscribeTokenOfB }),
    expect: 'BAD_REQUEST',
  },

  // reservations
  'reservation.list': {
    kind: 'own-scope',
    as: 'staff',
    input: (_a, b) => ({
      therapistId: b.ids.therapist,
      branchId: b.ids.branch,
      from: new Date('2030-01-01T00:00:00Z'),
    }),
  },
  'reservation.byId': {
    kind: 'foreign-id',
    as: 'client',
    input: (b) => ({ id: b.ids.reservation }),
  },
  'reservation.create': {
    kind: 'foreign-id',
    as: 'staff',
    // B's therapist at B's branch, booked for B's client.
    input: (b) => ({
      therapistId: b.ids.therapist,
      branchId: b.ids.branch,
      clientId: b.client.id,
      startsAt: slotInTheFuture(),
    }),
  },
  'reservation.cancel': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.ids.reservation }),
  },
  'reservation.reschedule': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.ids.reservation, startsAt: slotInTheFuture() }),
  },

  // recurring bookings
  'series.preview': {
    kind: 'foreign-id',
    as: 'client',
    input: (b) => ({
      therapistId: b.ids.therapist,
      branchId: b.ids.branch,
      startsAt: slotInTheFuture(),
      everyWeeks: 1,
      occurrences: 4,
    }),
  },
  'series.book': {
    kind: 'foreign-id',
    as: 'staff',
    // B's therapist at B's branch, for B's client.
    input: (b) => {
      const startsAt = slotInTheFuture();
      return {
        therapistId: b.ids.therapist,
        branchId: b.ids.branch,
        clientId: b.client.id,
        startsAt,
        everyWeeks: 1,
        occurrences: 2,
        book: [startsAt],
      };
    },
  },
  'series.cancelFollowing': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.ids.reservation }),
  },

  // waitlist
  'waitlist.join': {
    kind: 'foreign-id',
    as: 'client',
    input: (b) => WAITLIST_OF_B(b.ids.branch),
  },
  'waitlist.mine': { kind: 'own-scope', as: 'client', input: () => undefined },
  'waitlist.leave': {
    kind: 'foreign-id',
    as: 'client',
    input: (_b, _a, extras) => ({ id: extras.waitlistEntryOfB }),
  },
  'waitlist.accept': {
    kind: 'foreign-id',
    as: 'client',
    input: (_b, _a, extras) => ({ id: extras.waitlistEntryOfB }),
  },
  'waitlist.forDay': {
    kind: 'own-scope',
    as: 'staff',
    input: (_a, b) => ({ day: WAITLIST_OF_B(b.ids.branch).day, branchId: b.ids.branch }),
  },

  // billing
  'billing.mode': { kind: 'own-scope', as: 'client', input: () => undefined },
  'billing.createCheckout': {
    kind: 'foreign-id',
    as: 'client',
    input: (b) => ({ packageId: b.ids.package }),
  },
  'billing.checkoutStatus': {
    kind: 'foreign-id',
    as: 'client',
    input: (_b, _a, extras) => ({ sessionId: extras.checkoutOfB }),
  },
  'billing.completeSimulatedCheckout': {
    kind: 'foreign-id',
    as: 'client',
    input: (_b, _a, extras) => ({ sessionId: extras.checkoutOfB }),
  },
  'billing.syncPackage': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ packageId: b.ids.package }),
  },

  // the portal's public face
  'portal.clinic': { kind: 'own-scope', as: 'anonymous', input: () => undefined },

  // the clinic's settings
  'settings.get': { kind: 'own-scope', as: 'owner', input: () => undefined },
  'settings.update': { kind: 'own-scope', as: 'owner', input: () => ({ reminderHoursBefore: 12 }) },

  // services
  'service.list': {
    kind: 'own-scope',
    as: 'client',
    input: (_a, b) => ({ therapistId: b.ids.therapist }),
  },
  'service.create': {
    kind: 'foreign-id',
    as: 'staff',
    // A service at A offered by B's therapist.
    input: (b) => ({
      name: 'Isolation service',
      durationMinutes: 45,
      priceCents: 1000,
      therapistIds: [b.ids.therapist],
    }),
  },
  'service.update': {
    kind: 'foreign-id',
    as: 'staff',
    input: (_b, _a, extras) => ({ id: extras.serviceOfB, priceCents: 1 }),
  },
  'service.archive': {
    kind: 'foreign-id',
    as: 'staff',
    input: (_b, _a, extras) => ({ id: extras.serviceOfB }),
  },

  // the front desk
  'desk.recordPayment': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ reservationId: b.ids.reservation, amountCents: 5000, method: 'cash' }),
  },
  'desk.grantCredits': {
    kind: 'foreign-id',
    as: 'staff',
    // A's own client given B's package.
    input: (b, a) => ({ clientId: a.client.id, packageId: b.ids.package, reason: 'isolation' }),
  },
  'desk.payments': {
    kind: 'own-scope',
    as: 'staff',
    input: (_a, b) => ({ clientId: b.client.id }),
  },
  'reservation.markAttendance': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.ids.reservation, outcome: 'no_show' }),
  },

  // owners' reports: figures of the session's clinic only (A's ids may show, never B's)
  'report.summary': {
    kind: 'own-scope',
    as: 'owner',
    input: () => ({ ...yearAroundToday(), groupBy: 'week' }),
  },
  'report.csv': {
    kind: 'own-scope',
    as: 'owner',
    input: () => ({ ...yearAroundToday(), groupBy: 'day' }),
  },

  // calendar feeds: one's own feed only (no ids in the input; B's feeds untouched)
  'calendarFeed.mine': { kind: 'own-scope', as: 'client', input: () => undefined },
  'calendarFeed.create': { kind: 'own-scope', as: 'client', input: () => undefined },
  'calendarFeed.revoke': { kind: 'own-scope', as: 'client', input: () => undefined },

  // time off and holidays
  'timeOff.list': {
    kind: 'own-scope',
    as: 'staff',
    input: (_a, b) => ({ therapistId: b.ids.therapist }),
  },
  'timeOff.create': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ therapistId: b.ids.therapist, firstDay: '2030-01-07', lastDay: '2030-01-08' }),
  },
  'timeOff.conflicts': {
    kind: 'foreign-id',
    as: 'staff',
    input: (_b, _a, extras) => ({ id: extras.timeOffOfB }),
  },
  'timeOff.remove': {
    kind: 'foreign-id',
    as: 'staff',
    input: (_b, _a, extras) => ({ id: extras.timeOffOfB }),
  },

  // notes on reservations
  'note.list': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ reservationId: b.ids.reservation }),
  },
  'note.add': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ reservationId: b.ids.reservation, body: 'Isolation note' }),
  },

  // the audit log
  'audit.list': { kind: 'own-scope', as: 'owner', input: () => ({ limit: 100 }) },
  'audit.verify': { kind: 'own-scope', as: 'owner', input: () => ({}) },

  // privacy
  'privacy.notice': { kind: 'own-scope', as: 'anonymous', input: () => undefined },
  'privacy.consentStatus': { kind: 'own-scope', as: 'client', input: () => undefined },
  'privacy.acceptNotice': {
    kind: 'own-scope',
    as: 'client',
    input: (_a, _b, extras) => ({ version: extras.noticeVersionOfA }),
  },
  // After the consent cases: publishing makes version 1 an old text.
  'privacy.publishNotice': {
    kind: 'own-scope',
    as: 'owner',
    input: () => ({
      body: 'A privacy notice long enough to be published by the owner.',
      retentionMonths: 60,
    }),
  },
  'privacy.myData': { kind: 'own-scope', as: 'client', input: () => undefined },
  'privacy.updateMyDetails': {
    kind: 'own-scope',
    as: 'client',
    input: () => ({ name: 'Renamed Client', phone: '+52 55 1234 5678' }),
  },
  'privacy.rectifyClient': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b) => ({ id: b.client.id, name: 'Hijacked', phone: '' }),
  },
  'privacy.requestErasure': { kind: 'own-scope', as: 'client', input: () => undefined },
  'privacy.erasureRequests': { kind: 'own-scope', as: 'staff', input: () => ({}) },
  'privacy.decideErasure': {
    kind: 'foreign-id',
    as: 'staff',
    input: (b, _a, extras) => ({ id: extras.erasureRequestOfB, decision: 'approve' }),
  },
};

/**
 * The same input with every id of B (and of the extras made at B) replaced by a made-up one of the same
 * shape: a case must answer exactly as it does with B's real ids, or the answer is an oracle.
 */
export function withMadeUpIds(
  input: unknown,
  b: IsolationTarget,
  extras: IsolationExtras,
): unknown {
  const real = new Set<string>([...tracesOf(b, { emails: false }), ...Object.values(extras)]);
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string' && real.has(value)) {
      return value.startsWith('cs_')
        ? `cs_sim_madeup${crypto.randomUUID().replaceAll('-', '')}`
        : crypto.randomUUID();
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item)]));
    }
    return value;
  };
  return replace(input);
}

export function attackerUser<T extends IsolationTarget>(
  clinic: T,
  as: Exclude<Attacker, 'anonymous'>,
): T['owner'] | T['staff'] | T['client'] {
  return as === 'owner' ? clinic.owner : as === 'staff' ? clinic.staff : clinic.client;
}

/**
 * What would betray B in an answer to A: its ids, and (unless the attacker typed them in
 * itself, as with credentials) its users' emails.
 */
export function tracesOf(b: IsolationTarget, { emails }: { emails: boolean }): string[] {
  const users = [b.owner, b.staff, b.therapistUser, b.client];
  return [
    b.clinic.id,
    ...Object.values(b.ids),
    ...users.map((user) => user.id),
    ...(emails ? users.map((user) => user.email) : []),
  ];
}

/** Half a year either side of today: a report range that holds every fixture's bookings. */
function yearAroundToday(): { from: string; to: string } {
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(Date.now() - 180 * day), to: iso(Date.now() + 180 * day) };
}
