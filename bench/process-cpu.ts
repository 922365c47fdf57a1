import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere.
 * Includes its exited children's, so a postgres backend that closes, or redis's snapshot fork, is
 * still counted through the parent that reaped it.
 */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return (utime + stime + cutime + cstime) / 100;
  } catch {
    return null;
  }
}

function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Every process whose command name is `command` (postgres backends, redis-server). */
function cpuSecondsOfCommand(command: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || commandOf(pid) !== command) continue;
    total += cpuSecondsOf(pid) ?? 0;
  }
  return total;
}

export interface CpuAccount {
  /** CPU seconds each named party used since `start`. */
  stop(): Record<string, number>;
}

/**
 * Where the CPU of a measured phase went, per party: on a 2-core machine the pipeline's
 * throughput is bounded by the sum, so each party's share says what to optimise.
 * Processes that start during the phase count from zero; those that exit during it count through
 * the parent that reaps them.
 */
export function startCpuAccount(parties: {
  pids: Record<string, number>;
  commands: string[];
}): CpuAccount {
  const read = (): Record<string, number> => ({
    ...Object.fromEntries(
      Object.entries(parties.pids).map(([name, pid]) => [name, cpuSecondsOf(pid) ?? 0]),
    ),
    ...Object.fromEntries(parties.commands.map((c) => [c, cpuSecondsOfCommand(c)])),
    bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  });
  const before = read();
  return {
    stop: () => {
      const after = read();
      return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
    },
  };
}
