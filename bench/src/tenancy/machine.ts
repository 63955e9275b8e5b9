import os from 'node:os';
import { Prisma } from '@eventora/db';

import { withClient } from '@eventora/tenancy/with-client';

export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  prisma: string;
  postgres: string;
  sharedBuffers: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews it. */
  loadAverageAtStart: number;
}

export async function machineFacts(adminUrl: string): Promise<MachineFacts> {
  const { version, sharedBuffers } = await withClient(adminUrl, async (admin) => {
    const { rows } = await admin.query<{ version: string; shared_buffers: string }>(
      "SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers",
    );
    return { version: rows[0]!.version, sharedBuffers: rows[0]!.shared_buffers };
  });
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    prisma: Prisma.prismaVersion.client,
    postgres: version,
    sharedBuffers,
    loadAverageAtStart: os.loadavg()[0]!,
  };
}
