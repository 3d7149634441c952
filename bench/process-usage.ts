import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU and memory of other processes (worker processes with their threads and children, pdftotext),
 * read from Linux /proc. process.cpuUsage() only sees this process.
 */
let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime (own threads), in ticks. */
  own: number;
  /** cutime + cstime: CPU of children already exited and reaped, in ticks. */
  reaped: number;
}

function readStat(pid: number | 'self'): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const num = (index: number): number => Number(fields[index] ?? 0);
    // After the name: [0]=state [1]=ppid … [11]=utime [12]=stime [13]=cutime [14]=cstime.
    return { pid: Number(text.slice(0, text.indexOf(' '))), ppid: num(1), own: num(11) + num(12), reaped: num(13) + num(14) };
  } catch {
    return undefined;
  }
}

function allStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

/** The pid and every live descendant of it. */
export function processTree(rootPid: number): number[] {
  const stats = allStats();
  const children = new Map<number, number[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  const tree: number[] = [];
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** CPU ms used so far by a process, its live descendants and its reaped children. */
export function treeCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    const stat = readStat(pid);
    if (stat) ticks += stat.own + stat.reaped;
  }
  return (ticks * 1000) / ticksPerSecond();
}

/**
 * CPU ms of a process tree split by thread: each process's main thread (tid = pid) vs its other
 * threads (extraction worker threads, V8 GC/compiler helpers, libuv pool), plus exited children.
 * Linux names every Node thread "node", so the split is by main thread or not, nothing finer.
 */
export function treeCpuMsByThread(rootPid: number): { mainThreads: number; otherThreads: number; reapedChildren: number } {
  let main = 0;
  let other = 0;
  let reaped = 0;
  for (const pid of processTree(rootPid)) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = readTaskStat(pid, Number(tid));
      if (!stat) continue;
      if (Number(tid) === pid) {
        main += stat.own;
        reaped += stat.reaped;
      } else {
        other += stat.own;
      }
    }
  }
  const ms = (ticks: number): number => (ticks * 1000) / ticksPerSecond();
  return { mainThreads: ms(main), otherThreads: ms(other), reapedChildren: ms(reaped) };
}

function readTaskStat(pid: number, tid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const num = (index: number): number => Number(fields[index] ?? 0);
    return { pid: tid, ppid: num(1), own: num(11) + num(12), reaped: num(13) + num(14) };
  } catch {
    return undefined;
  }
}

/** CPU ms of this process's exited children (pdftotext runs), 10 ms resolution: use totals. */
export function reapedChildrenCpuMs(): number {
  const stat = readStat('self');
  return stat ? (stat.reaped * 1000) / ticksPerSecond() : 0;
}

/** Peak resident set size (VmHWM) of a process in MB, or undefined when it is gone. */
export function peakRssMb(pid: number): number | undefined {
  return statusMb(pid, 'VmHWM');
}

/** Resident set size now (VmRSS) of a process in MB, or undefined when it is gone. */
export function currentRssMb(pid: number): number | undefined {
  return statusMb(pid, 'VmRSS');
}

function statusMb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
