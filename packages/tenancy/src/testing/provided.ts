/** What the global setup hands to test files (through vitest's provide/inject). */
export interface TestServer {
  /** Superuser URL of the server the tests run on. */
  adminUrl: string;
  /** The migrated database that each test database is cloned from. */
  templateDatabase: string;
  /** Every database of this run starts with it, so teardown finds the leftovers. */
  databasePrefix: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    eventoraTestServer: TestServer;
  }
}
