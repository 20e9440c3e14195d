/**
 * The UI-thread end of the worker protocol: starts the worker, sends typed commands and
 * hands typed events to one listener.
 */
import { PROTOCOL_VERSION } from './protocol';
import type { Command, WorkerEvent } from './protocol';

export class SimClient {
  private readonly worker: Worker;

  constructor(onEvent: (ev: WorkerEvent) => void) {
    this.worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerEvent>) => {
      if (e.data?.v !== PROTOCOL_VERSION) {
        console.warn('quorum: worker speaks another protocol version', e.data);
        return;
      }
      onEvent(e.data);
    };
    this.worker.onerror = (e) => console.error('quorum worker error', e.message);
  }

  send(cmd: Command): void {
    this.worker.postMessage({ v: PROTOCOL_VERSION, cmd });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
