/**
 * The body of an extraction thread (see extract-pool.ts): it parses one file at a time with the
 * ordinary pure `extractDocument`, inside the heap limit the pool gave the thread. Runs only in a
 * worker thread; importing it elsewhere does nothing.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { extractDocument } from '../extract';
import { serialiseError, type ExtractRequest, type ExtractResponse } from './thread-messages';

function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const reply = (message: ExtractResponse): void => port.postMessage(message);
  port.on('message', (request: ExtractRequest) => {
    if (request.testBlockMs !== undefined && request.testBlockMs > 0) blockFor(request.testBlockMs);
    extractDocument(new Uint8Array(request.bytes), request.options).then(
      (document) => reply({ type: 'done', id: request.id, document }),
      (error: unknown) => reply({ type: 'failed', id: request.id, error: serialiseError(error) }),
    );
  });
  reply({ type: 'ready' });
}
