import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds used so far by every process in a process group (the portal is started
 * detached, so its group id is its pid, and anything it forks belongs to it). Linux /proc.
 */
export async function processGroupCpuMs(groupId: number | undefined): Promise<number> {
  if (groupId === undefined) return 0;
  let ticks = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    // Fields after the command name (which may hold spaces) start at ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== groupId) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
