import { spawn, type ChildProcess } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { inheritedEnv } from '../env';

const WEB_DIR = fileURLToPath(new URL('../../../apps/web', import.meta.url));

/** The portal's production build (`next start`), as a process the load test can kill. */
export interface PortalProcess {
  port: number;
  origin: string;
  /** Process id of the running portal (its process group), for CPU readings. */
  pid(): number | undefined;
  /** SIGKILL, as a crash would: no graceful shutdown. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function assertPortalBuilt(): Promise<void> {
  await access(path.join(WEB_DIR, '.next', 'BUILD_ID')).catch(() => {
    throw new Error(
      'The portal has no production build: run `pnpm --filter @eventora/web build` first.',
    );
  });
}

/**
 * Runs the portal on 127.0.0.1:`port` with `env` (DATABASE_URL etc.). `nodeFlags` lets the
 * request-path bench take a CPU profile (`nodeFlags: ['--cpu-prof']`).
 */
export function portalProcess(
  port: number,
  env: Record<string, string>,
  options: { nodeFlags?: string[]; log?: (line: string) => void } = {},
): PortalProcess {
  let child: ChildProcess | undefined;
  const origin = `http://127.0.0.1:${port}`;
  const log = options.log ?? (() => undefined);

  const exited = (process: ChildProcess) =>
    process.exitCode !== null || process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => process.once('exit', () => resolve()));

  async function stopWith(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    if (!running?.pid || running.exitCode !== null || running.signalCode !== null) return;
    const done = exited(running);
    try {
      process.kill(-running.pid, signal);
    } catch {
      return;
    }
    await Promise.race([done, sleep(10_000)]);
    if (running.exitCode === null && running.signalCode === null)
      process.kill(-running.pid, 'SIGKILL');
    await done;
  }

  return {
    port,
    origin,
    pid: () => child?.pid,
    async start() {
      const next = path.join(WEB_DIR, 'node_modules', 'next', 'dist', 'bin', 'next');
      const args = [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'];
      child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...args], {
        cwd: WEB_DIR,
        env: {
          ...inheritedEnv(),
          ...env,
          NODE_ENV: 'production',
          NEXT_TELEMETRY_DISABLED: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const relay = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) log(`[portal] ${line}`);
      };
      child.stdout?.on('data', relay);
      child.stderr?.on('data', relay);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null)
          throw new Error(`the portal exited with code ${child.exitCode}`);
        try {
          const response = await fetch(`${origin}/icon.svg`);
          await response.arrayBuffer();
          if (response.status < 500) return;
        } catch {
          // not listening yet
        }
        await sleep(100);
      }
      throw new Error(`the portal did not answer on ${origin} within a minute`);
    },
    kill: () => stopWith('SIGKILL'),
    stop: () => stopWith('SIGTERM'),
  };
}
