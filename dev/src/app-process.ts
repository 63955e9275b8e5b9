import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';

export interface AppProcess {
  name: string;
  /** Resolves when the app's main process exits, with its code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Stops the app and everything it started; resolves once none of them is left. */
  stop(): Promise<void>;
}

/**
 * Runs `command` in its own process group, its output prefixed with `[name]`. Its own group
 * lets `stop()` reach pnpm, Next and Next's workers at once, and keeps a terminal's Ctrl-C
 * from reaching them behind our back: we stop them in order, then the database.
 */
export function startApp(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): AppProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}]`.padEnd(8);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      // Bare terminal controls (Next shows the cursor again on exit) make empty prefixed lines.
      if (line && !stripVTControlCharacters(line)) return;
      console.log(`${prefix}${line}`);
    });
  }
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  const group = child.pid;

  return {
    name,
    exited,
    async stop() {
      if (group === undefined) return;
      signalGroup(group, 'SIGTERM');
      if (await groupGone(group, 10_000)) return;
      console.log(`${prefix}did not stop within 10 s; killing it`);
      signalGroup(group, 'SIGKILL');
      await groupGone(group, 5_000);
    },
  };
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Waits until no process of the group is left (signal 0 probes without signalling). */
async function groupGone(group: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-group, 0);
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

/** Fails early, with a clear message, when an app's port is already taken. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} (${what}) is already in use: is another pnpm dev running?`)
          : error,
      ),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

/** Waits until `url` answers HTTP at all (Next compiles on the first request). */
export async function waitForHttp(
  url: string,
  timeoutMs: number,
  cancelled: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !cancelled()) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'manual' });
      return true;
    } catch {
      await sleep(500);
    }
  }
  return false;
}
