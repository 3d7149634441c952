import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { workerEnvironment, type AppConfig } from '../src/config';
import { currentRssMb, peakRssMb, processTree, treeCpuMs, treeCpuMsByThread } from './process-usage';

/**
 * Worker processes (`workers/start.ts`; extraction runs in their worker threads) started for a
 * bench run, with their CPU and memory read from /proc, child processes included if any.
 */
export interface WorkerCluster {
  pids: number[];
  /** CPU ms of every worker process and its descendants so far. */
  cpuMs(): number;
  /** The same CPU split into main threads and other threads (see treeCpuMsByThread). */
  cpuMsByThread(): { mainThreads: number; otherThreads: number; reapedChildren: number };
  /** Largest VmHWM of the worker processes (threads included) and of any Node child process. */
  peakRssMb(): { worker: number; sandbox: number };
  /** Largest VmRSS of the worker processes right now (is memory growing, or only peaking?). */
  rssMb(): number;
  stop(): Promise<void>;
}

function isNode(pid: number): boolean {
  try {
    return path.basename(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '').startsWith('node');
  } catch {
    return false;
  }
}

/**
 * Where worker processes are started from: TypeScript sources through tsx (default, no build
 * needed) or the compiled `dist/workers/start.js` (`npm run build` first), which is what
 * production runs: tsx adds start-up, transpilation and source-map work to every process.
 */
export type WorkerEntry = 'src' | 'dist';
let workerEntry: WorkerEntry = 'src';
export function useWorkerEntry(entry: WorkerEntry): void {
  workerEntry = entry;
}

/** Extra node flags for worker processes (e.g. `--cpu-prof --cpu-prof-dir=…`: main threads only, not the extraction threads). */
let workerNodeFlags: string[] = [];
export function useWorkerNodeFlags(flags: string[]): void {
  workerNodeFlags = flags;
}

function workerCommand(): string[] {
  return [...workerNodeFlags, ...entryArguments()];
}

function entryArguments(): string[] {
  if (workerEntry === 'dist') {
    const compiled = path.resolve(__dirname, '..', 'dist', 'workers', 'start.js');
    if (!existsSync(compiled)) throw new Error(`--workers-from dist: ${compiled} is missing; run \`npm run build\` first.`);
    return [compiled];
  }
  return ['--import', pathToFileURL(require.resolve('tsx')).href, path.resolve(__dirname, '..', 'workers', 'start.ts')];
}

export function startWorkers(config: AppConfig, count: number, pinCores: Array<string | undefined>): WorkerCluster {
  const nodeArgs = workerCommand();
  const env = { ...workerEnvironment(config), PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const children: ChildProcess[] = [];
  for (let index = 0; index < count; index++) {
    const cores = pinCores[index];
    // taskset execs node in place: the pid stays the worker's, and children inherit the affinity.
    const child = cores
      ? spawn('taskset', ['-c', cores, process.execPath, ...nodeArgs], { env, stdio: ['ignore', 2, 2] })
      : spawn(process.execPath, nodeArgs, { env, stdio: ['ignore', 2, 2] });
    children.push(child);
  }
  const pids = children.map((child) => child.pid ?? -1);
  return {
    pids,
    cpuMs: () => pids.reduce((sum, pid) => sum + treeCpuMs(pid), 0),
    cpuMsByThread: () =>
      pids
        .map((pid) => treeCpuMsByThread(pid))
        .reduce((sum, part) => ({
          mainThreads: sum.mainThreads + part.mainThreads,
          otherThreads: sum.otherThreads + part.otherThreads,
          reapedChildren: sum.reapedChildren + part.reapedChildren,
        })),
    peakRssMb: () => {
      let worker = 0;
      let sandbox = 0;
      for (const pid of pids) {
        worker = Math.max(worker, peakRssMb(pid) ?? 0);
        for (const child of processTree(pid).filter((descendant) => descendant !== pid && isNode(descendant))) {
          sandbox = Math.max(sandbox, peakRssMb(child) ?? 0);
        }
      }
      return { worker, sandbox };
    },
    rssMb: () => Math.max(0, ...pids.map((pid) => currentRssMb(pid) ?? 0)),
    stop: async () => {
      const exits = children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) resolve();
            else child.once('exit', () => resolve());
          }),
      );
      for (const child of children) child.kill('SIGTERM');
      const stopped = await Promise.race([Promise.all(exits).then(() => true), sleep(20_000).then(() => false)]);
      if (!stopped) {
        for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
        await Promise.all(exits);
      }
    },
  };
}

/** Redis CPU (user + sys seconds → ms) and memory from INFO. */
export async function redisInfo(redis: Redis): Promise<{ cpuMs: number; usedMemoryMb: number }> {
  const text = await redis.info();
  const field = (name: string): number => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(text)?.[1] ?? 0);
  return { cpuMs: (field('used_cpu_sys') + field('used_cpu_user')) * 1000, usedMemoryMb: field('used_memory') / 1024 / 1024 };
}

/** Removes every key of a bench run (`<prefix>:*`), in batches. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
