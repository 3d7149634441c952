import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractedDocument } from '../document.schema';
import type { ExtractOptions } from '../extract';
import { resolvePoolOptions, type ExtractPoolOptions, type ResolvedPoolOptions } from './budget-options';
import { deserialiseError, ERROR_FOR, type ExtractRequest, type ExtractResponse } from './thread-messages';

export interface BudgetedExtractOptions extends ExtractOptions {
  /** TEST ONLY: the thread blocks this long before parsing (a stand-in for a parser stuck in a loop). */
  testBlockMs?: number;
}

interface Task {
  id: number;
  bytes: Uint8Array;
  options: BudgetedExtractOptions;
  resolve(document: ExtractedDocument): void;
  reject(error: Error): void;
}

interface PoolThread {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** Set once the thread is being thrown away, so its late events are ignored. */
  retired: boolean;
}

/**
 * Runs `extractDocument` in worker threads with a heap limit (`resourceLimits`) and a wall-clock
 * timeout per file. Threads are reused across files (starting one loads pdf.js: ~0.3 s compiled,
 * ~2 s from TypeScript sources) and replaced only when one is terminated: on timeout
 * (EXTRACTION_TIMEOUT) or when it runs out of memory (TOO_COMPLEX). A plain timer cannot stop a
 * parser stuck in a synchronous loop on the same thread; `Worker.terminate()` can.
 *
 * Idle threads do not keep the process alive (they are unref'd) and end after `idleMs`.
 */
export class ExtractThreadPool {
  readonly options: ResolvedPoolOptions;
  private readonly threads = new Set<PoolThread>();
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ExtractPoolOptions = {}) {
    this.options = resolvePoolOptions(options);
  }

  /** Threads alive now (for tests and diagnostics). */
  get threadCount(): number {
    return this.threads.size;
  }

  extract(bytes: Uint8Array, options: BudgetedExtractOptions = {}): Promise<ExtractedDocument> {
    if (this.closed) return Promise.reject(new Error('The extraction thread pool is closed.'));
    return new Promise<ExtractedDocument>((resolvePromise, rejectPromise) => {
      this.waiting.push({ id: this.nextId++, bytes, options, resolve: resolvePromise, reject: rejectPromise });
      this.dispatch();
    });
  }

  /** Ends every thread; files in progress or waiting are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('The extraction thread pool was closed.'));
    await Promise.all([...this.threads].map((thread) => this.retire(thread, new Error('The extraction thread pool was closed.'))));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const thread = this.idleThread() ?? (this.threads.size < this.options.size ? this.startThread() : undefined);
      if (!thread) return;
      const task = this.waiting.shift();
      if (!task) return;
      this.assign(thread, task);
    }
  }

  private idleThread(): PoolThread | undefined {
    for (const thread of this.threads) if (!thread.task && !thread.retired) return thread;
    return undefined;
  }

  private assign(thread: PoolThread, task: Task): void {
    clearTimeout(thread.idleTimer);
    thread.task = task;
    thread.worker.ref();
    // A copy, transferred: the thread owns it and the caller's bytes stay intact. (Not `slice()`:
    // on a Buffer that is a view of the same memory, often Node's shared pool.)
    const copy = new Uint8Array(task.bytes.byteLength);
    copy.set(task.bytes);
    const { testBlockMs, ...options } = task.options;
    const request: ExtractRequest = { id: task.id, bytes: copy.buffer, options, ...(testBlockMs !== undefined ? { testBlockMs } : {}) };
    thread.worker.postMessage(request, [copy.buffer]);
    if (thread.ready) this.startClock(thread);
  }

  /** The budget counts parsing only, not loading the thread's modules. */
  private startClock(thread: PoolThread): void {
    clearTimeout(thread.timer);
    thread.timer = setTimeout(() => {
      void this.retire(thread, ERROR_FOR.timeout(this.options.timeoutMs));
    }, this.options.timeoutMs);
  }

  private startThread(): PoolThread {
    const [entry, entryOptions] = threadEntry();
    const worker = new Worker(entry, {
      ...entryOptions,
      // Not the parent's flags: a tsx --import loader or a heap flag would be refused or wrong here.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    const thread: PoolThread = { worker, ready: false, retired: false };
    this.threads.add(thread);
    worker.unref();
    worker.on('message', (message: ExtractResponse) => this.onMessage(thread, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const failure =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? ERROR_FOR.outOfMemory(this.options.maxOldGenerationSizeMb) : threadFailure(error);
      void this.retire(thread, failure);
    });
    worker.on('exit', () => {
      void this.retire(thread, threadFailure(new Error('The extraction thread exited unexpectedly.')));
    });
    return thread;
  }

  private onMessage(thread: PoolThread, message: ExtractResponse): void {
    if (thread.retired) return;
    if (message.type === 'ready') {
      thread.ready = true;
      if (thread.task) this.startClock(thread);
      return;
    }
    const task = thread.task;
    if (!task || task.id !== message.id) return;
    clearTimeout(thread.timer);
    thread.task = undefined;
    thread.worker.unref();
    if (message.type === 'done') task.resolve(message.document);
    else task.reject(deserialiseError(message.error));
    thread.idleTimer = setTimeout(() => void this.retire(thread), this.options.idleMs);
    thread.idleTimer.unref();
    this.dispatch();
  }

  /** Throws a thread away (rejecting its file with `failure`) and lets waiting files start. */
  private async retire(thread: PoolThread, failure?: Error): Promise<void> {
    if (thread.retired) return;
    thread.retired = true;
    this.threads.delete(thread);
    clearTimeout(thread.timer);
    clearTimeout(thread.idleTimer);
    const task = thread.task;
    thread.task = undefined;
    if (task) task.reject(failure ?? new Error('The extraction thread was stopped.'));
    this.dispatch();
    await thread.worker.terminate();
  }
}

function threadFailure(cause: Error): Error {
  const error = new Error(`The extraction thread failed (${cause.name}); please report it with the file's format, not its content.`);
  error.name = 'ExtractionThreadError';
  return error;
}

/**
 * The thread's entry point. Compiled (dist/), extract-thread.js sits next to this file. Run from
 * TypeScript sources (Jest, tsx) it does not exist: the thread then registers tsx's CommonJS hook
 * itself (a fresh thread has no loader) and requires the .ts file.
 */
function threadEntry(): [string, { eval?: boolean }] {
  const compiled = resolve(__dirname, 'extract-thread.js');
  if (extname(__filename) === '.js' && existsSync(compiled)) return [compiled, {}];
  const source = resolve(__dirname, 'extract-thread.ts');
  return [`require('tsx/cjs');\nrequire(${JSON.stringify(source)});`, { eval: true }];
}

let shared: ExtractThreadPool | undefined;

/** The process-wide pool used by `screenFile` when the caller gives none (default budget). */
export function sharedExtractPool(): ExtractThreadPool {
  shared ??= new ExtractThreadPool();
  return shared;
}
