/**
 * Bounded per-clinic metric labels: the `limit` busiest clinics of the last window keep their
 * own label (their slug), every other clinic is `other`. Ten thousand clinics therefore add at
 * most `limit + 1` series per metric. At each window's end the ranking is redone from that
 * window's counts and `onDemote` lets the metrics drop series of clinics that left the top.
 */
export class ClinicLabels {
  private counts = new Map<string, number>();
  private labelled = new Set<string>();
  private windowEnds: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly onDemote: (slug: string) => void = () => {},
  ) {
    this.windowEnds = now() + windowMs;
  }

  /** Counts one call of `slug` and returns the label to record it under. */
  label(slug: string): string {
    if (this.now() >= this.windowEnds) this.rerank();
    this.counts.set(slug, (this.counts.get(slug) ?? 0) + 1);
    if (this.labelled.has(slug)) return slug;
    // Free places are handed out first come; the ranking takes over at the window's end.
    if (this.labelled.size < this.limit) {
      this.labelled.add(slug);
      return slug;
    }
    return 'other';
  }

  private rerank(): void {
    const top = new Set(
      [...this.counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, this.limit)
        .map(([slug]) => slug),
    );
    for (const slug of this.labelled) if (!top.has(slug)) this.onDemote(slug);
    this.labelled = top;
    this.counts = new Map();
    this.windowEnds = this.now() + this.windowMs;
  }
}
