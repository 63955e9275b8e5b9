import { describe, expect, it } from 'vitest';

import { ClinicLabels } from './clinic-labels';

describe('ClinicLabels', () => {
  it('10,000 clinics produce at most the top N labels plus "other"', () => {
    const labels = new ClinicLabels(5);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(labels.label(`clinic-${i}`));
    expect(seen.size).toBe(6);
    expect(seen.has('other')).toBe(true);
  });

  it('at the end of a window the busiest clinics get the labels and the demoted ones are dropped', () => {
    let now = 0;
    const demoted: string[] = [];
    const labels = new ClinicLabels(
      2,
      1_000,
      () => now,
      (slug) => demoted.push(slug),
    );
    labels.label('early-a');
    labels.label('early-b');
    for (let i = 0; i < 10; i++) expect(labels.label('busy')).toBe('other');
    labels.label('early-a');
    now = 1_000;
    // The ranking of the last window: busy (10), early-a (2).
    expect(labels.label('busy')).toBe('busy');
    expect(labels.label('early-a')).toBe('early-a');
    expect(labels.label('early-b')).toBe('other');
    expect(demoted).toEqual(['early-b']);
  });
});
