import { readFile } from 'node:fs/promises';

/**
 * CPU time a process has used so far, in clock ticks, from Linux's /proc (undefined elsewhere): a
 * service busy initialising a database prints nothing, yet is making progress.
 */
export async function cpuTicks(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces: utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
