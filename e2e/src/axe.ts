import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The rules the journeys are held to: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

const BLOCKING = new Set(['serious', 'critical']);

/** One line per rule and offending element: rule id, impact, selector, what to do, help URL. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `  [${v.impact}] ${v.id} at ${node.target.join(' ')}: ${v.help} (${v.helpUrl})\n` +
          `      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`,
      ),
    )
    .join('\n');
}

/**
 * Runs axe (WCAG 2.1 AA rules) on the page as it is now and fails on any serious or critical
 * violation, listing each with its rule, element and help URL. Lesser findings do not fail;
 * they are attached to the report with the rest of the run (`axe-<label>.json`).
 */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<AxeResults> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const summary = {
    label,
    url: page.url(),
    viewport: page.viewportSize(),
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
  };
  await test.info().attach(`axe-${label}.json`, {
    body: JSON.stringify(summary, null, 2),
    contentType: 'application/json',
  });
  test.info().annotations.push({
    type: 'axe',
    description: `${label}: ${blocking.length} serious/critical, ${results.violations.length - blocking.length} lesser, ${results.passes.length} rules passed`,
  });
  expect(
    blocking.length,
    `${label} (${page.url()}): serious or critical axe violations (WCAG 2.1 AA):\n${describeViolations(blocking)}`,
  ).toBe(0);
  return results;
}
