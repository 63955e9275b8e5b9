import superjson from 'superjson';

import type { HttpAnswer, HttpClient } from './http-client';
import { clinicHeaders, trpcQueryPath } from './portal-env';
import type { LoadClinic } from './world';

/** What one simulated user action is; the report counts by it. */
export type ActionKind =
  'availability' | 'my-bookings' | 'staff-schedule' | 'book' | 'cancel' | 'checkout';

/** The share of each action in the mix (sums to 1). */
export const MIX: readonly (readonly [ActionKind, number])[] = [
  ['availability', 0.25],
  ['my-bookings', 0.25],
  ['staff-schedule', 0.15],
  ['book', 0.15],
  ['cancel', 0.12],
  ['checkout', 0.08],
];

/** How an answer is counted: ok, refused by the fair-share limit, a user error, or a failure. */
export type Outcome = 'ok' | 'rate-limited' | 'rejected' | 'server-error' | 'network-error';

export interface Sample {
  clinic: string;
  kind: ActionKind;
  outcome: Outcome;
  /** tRPC error code or network error text, for "errors by kind". */
  detail?: string;
  ms: number;
  at: number;
}

/** A booking the portal acknowledged (200); it must exist afterwards. */
export interface Acknowledged {
  clinic: LoadClinic;
  id: string;
  /** Set when its cancellation was acknowledged too. */
  cancelled: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Issues one action of the mix for a clinic over HTTP, as the portal's own client would
 * (tRPC over GET for queries, POST for mutations; superjson), and records what happened.
 */
export class LoadMix {
  readonly acknowledged: Acknowledged[] = [];
  private readonly open = new Map<string, Acknowledged[]>();

  constructor(
    private readonly http: HttpClient,
    private readonly port: number,
    private readonly random: () => number,
    private readonly record: (sample: Sample) => void,
  ) {}

  pick(): ActionKind {
    let roll = this.random();
    for (const [kind, share] of MIX) {
      roll -= share;
      if (roll <= 0) return kind;
    }
    return MIX[0]![0];
  }

  async run(clinic: LoadClinic, kind: ActionKind): Promise<void> {
    switch (kind) {
      case 'availability':
        await this.availability(clinic, kind);
        return;
      case 'my-bookings':
        await this.query(clinic, kind, 'reservation.list', { limit: 20 }, clinic.clientToken);
        return;
      case 'staff-schedule': {
        const from = new Date(Date.now() + this.dayOffset() * DAY_MS);
        await this.query(
          clinic,
          kind,
          'reservation.list',
          { from, to: new Date(from.getTime() + 7 * DAY_MS), limit: 50 },
          clinic.staffToken,
        );
        return;
      }
      case 'book':
        await this.book(clinic);
        return;
      case 'cancel':
        await this.cancel(clinic);
        return;
      case 'checkout':
        await this.mutation(
          clinic,
          kind,
          'billing.createCheckout',
          { packageId: clinic.packageId },
          clinic.clientToken,
        );
        return;
    }
  }

  /** Free slots of one therapist for one day, 1–8 weeks ahead; the slots, when it worked. */
  private async availability(
    clinic: LoadClinic,
    kind: ActionKind,
  ): Promise<{ startsAt: Date; branchId: string }[] | undefined> {
    const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + this.dayOffset() * DAY_MS);
    const answer = await this.query(
      clinic,
      kind,
      'therapist.availability',
      {
        therapistId: this.choose(clinic.therapistIds),
        from: day,
        to: new Date(day.getTime() + DAY_MS),
      },
      clinic.clientToken,
    );
    return (answer as { slots?: { startsAt: Date; branchId: string }[] } | undefined)?.slots;
  }

  /** Looks for a free slot, then books it; a slot taken meanwhile is a normal conflict. */
  private async book(clinic: LoadClinic): Promise<void> {
    const therapistId = this.choose(clinic.therapistIds);
    const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + this.dayOffset() * DAY_MS);
    const free = (await this.query(
      clinic,
      'availability',
      'therapist.availability',
      { therapistId, from: day, to: new Date(day.getTime() + DAY_MS) },
      clinic.clientToken,
    )) as { slots?: { startsAt: Date; branchId: string }[] } | undefined;
    const slot = free?.slots?.length ? this.choose(free.slots) : undefined;
    if (!slot) return;
    const booked = (await this.mutation(
      clinic,
      'book',
      'reservation.create',
      { therapistId, branchId: slot.branchId, startsAt: slot.startsAt },
      clinic.clientToken,
    )) as { id: string } | undefined;
    if (booked?.id) {
      const entry = { clinic, id: booked.id, cancelled: false };
      this.acknowledged.push(entry);
      const list = this.open.get(clinic.slug) ?? [];
      list.push(entry);
      this.open.set(clinic.slug, list);
    }
  }

  /** Cancels one of the clinic's acknowledged bookings (made in this run). */
  private async cancel(clinic: LoadClinic): Promise<void> {
    const list = this.open.get(clinic.slug);
    const entry = list?.pop();
    if (!entry) {
      await this.query(
        clinic,
        'my-bookings',
        'reservation.list',
        { limit: 20 },
        clinic.clientToken,
      );
      return;
    }
    const answer = await this.mutation(
      clinic,
      'cancel',
      'reservation.cancel',
      { id: entry.id },
      clinic.clientToken,
    );
    if (answer !== undefined) entry.cancelled = true;
  }

  private dayOffset(): number {
    return 7 + Math.floor(this.random() * 49);
  }

  private choose<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private query(
    clinic: LoadClinic,
    kind: ActionKind,
    procedure: string,
    input: unknown,
    token: string,
  ) {
    return this.call(clinic, kind, () =>
      this.http.request(
        'GET',
        trpcQueryPath(procedure, input),
        clinicHeaders(clinic.slug, this.port, token),
      ),
    );
  }

  private mutation(
    clinic: LoadClinic,
    kind: ActionKind,
    procedure: string,
    input: unknown,
    token: string,
  ) {
    return this.call(clinic, kind, () =>
      this.http.request(
        'POST',
        `/api/trpc/${procedure}`,
        clinicHeaders(clinic.slug, this.port, token),
        JSON.stringify(superjson.serialize(input)),
      ),
    );
  }

  /** Sends, times and classifies one request; the decoded data on success. */
  private async call(
    clinic: LoadClinic,
    kind: ActionKind,
    send: () => Promise<HttpAnswer>,
  ): Promise<unknown> {
    const started = performance.now();
    try {
      const answer = await send();
      const ms = performance.now() - started;
      const outcome: Outcome =
        answer.status === 200
          ? 'ok'
          : answer.status === 429
            ? 'rate-limited'
            : answer.status >= 500
              ? 'server-error'
              : 'rejected';
      const detail = outcome === 'ok' ? undefined : errorCode(answer);
      this.record({ clinic: clinic.slug, kind, outcome, detail, ms, at: Date.now() });
      if (outcome !== 'ok') return undefined;
      const body = JSON.parse(answer.body) as {
        result?: { data?: Parameters<typeof superjson.deserialize>[0] };
      };
      return body.result?.data ? superjson.deserialize(body.result.data) : undefined;
    } catch (error) {
      this.record({
        clinic: clinic.slug,
        kind,
        outcome: 'network-error',
        detail:
          error instanceof Error ? ((error as { code?: string }).code ?? error.message) : 'error',
        ms: performance.now() - started,
        at: Date.now(),
      });
      return undefined;
    }
  }
}

function errorCode(answer: HttpAnswer): string {
  try {
    const body = JSON.parse(answer.body) as { error?: { json?: { data?: { code?: string } } } };
    return body.error?.json?.data?.code ?? `HTTP ${answer.status}`;
  } catch {
    return `HTTP ${answer.status}`;
  }
}
