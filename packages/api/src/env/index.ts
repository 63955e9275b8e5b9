/** `@eventora/api/env`: the apps' configuration schemas and the one way they are read. */
export { readConsoleEnv, ZConsoleEnv, type ConsoleEnv } from './console-env';
export { readPortalEnv, ZPortalEnv, type PortalEnv } from './portal-env';
export { readEnv, trustedProxyHops, type EnvSource } from './read-env';
export { ZWorkerEnv, type WorkerEnv } from './worker-env';
