/**
 * @eventora/db/dev: what development, tests, benchmarks and the browser suites need and a
 * running clinic service never does — the embedded PostgreSQL server (`pnpm dev`, test runs),
 * the development database on it, and the deterministic demo seed (every demo account shares
 * one published password). Runtime code may not import it (the `importBoundaries` lint in
 * tooling/eslint/base.js): only dev/, bench/, e2e/ and test support.
 */
export * from './server';
export * from './database';
export * from './seed';
