// The fleet benchmarks' command lines: `--flag N` whole numbers, `--help` text, exit code 2.

/** Prints `help` and exits 0 when `--help` is given. */
export function helpRequested(argv: string[], help: string): void {
  if (!argv.includes('--help')) return;
  console.log(help);
  process.exit(0);
}

/** `--flag N`, a whole number of at least `min` (else a message and exit 2), or `fallback`. */
export function wholeNumber(argv: string[], flag: string, fallback: number, min: number): number {
  const at = argv.indexOf(flag);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < min) {
    console.error(`${flag} takes a whole number ≥ ${min}`);
    process.exit(2);
  }
  return value;
}
