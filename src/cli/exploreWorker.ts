/** A worker thread of `npm run explore`: runs the batches of seeds it is sent (explorePool.ts). */
import { parentPort } from 'node:worker_threads';
import { runBatchHere } from './explorePool';
import type { BatchRequest } from './explorePool';

parentPort?.on('message', (req: BatchRequest) => {
  parentPort?.postMessage(runBatchHere(req));
});
