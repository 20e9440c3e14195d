/**
 * Client-operation figures at the cursor for the client panel: counts, the user's own
 * requests, and latency percentiles — computed incrementally, since the operation list only
 * grows between seeks and a settled prefix never changes.
 */
import { latencyQuantile } from '../engine/analysis/latency';
import type { Simulator } from '../engine/simulator';
import { isUserClient } from '../engine/simulator';
import type { ClientOpRecord } from '../engine/types';
import type { ClientOpView, WorkloadView } from './protocol';

const USER_OPS = 6;
/** Percentiles are over the newest completed operations. */
export const LATENCY_SAMPLE = 300;

export class WorkloadStats {
  // Operations before `settled` are all complete; reset when the simulator's op list is
  // another one (a seek restored a keyframe).
  private opsRef: readonly ClientOpRecord[] | null = null;
  private settled = 0;
  private settledOk = 0;
  private settledFailed = 0;
  private userOpIdx: number[] = [];
  private scanned = 0;

  private scan(ops: readonly ClientOpRecord[]): void {
    if (ops !== this.opsRef || ops.length < this.scanned) {
      this.opsRef = ops;
      this.settled = this.settledOk = this.settledFailed = this.scanned = 0;
      this.userOpIdx = [];
    }
    for (; this.scanned < ops.length; this.scanned++) {
      if (isUserClient(ops[this.scanned]!.client)) this.userOpIdx.push(this.scanned);
    }
    while (this.settled < ops.length && ops[this.settled]!.completedAt !== null) {
      if (ops[this.settled]!.ok) this.settledOk++;
      else this.settledFailed++;
      this.settled++;
    }
  }

  /** The user's newest hand-sent requests (copies: records are frozen in history). */
  userOps(sim: Simulator): ClientOpView[] {
    const ops = sim.state.clientOps;
    this.scan(ops);
    return this.userOpIdx.slice(-USER_OPS).map((i) => ({ ...ops[i]! }));
  }

  workload(sim: Simulator): WorkloadView {
    const st = sim.state;
    const ops = st.clientOps;
    this.scan(ops);
    let ok = this.settledOk;
    let failed = this.settledFailed;
    let pending = 0;
    for (let i = this.settled; i < ops.length; i++) {
      const o = ops[i]!;
      if (o.completedAt === null) pending++;
      else if (o.ok) ok++;
      else failed++;
    }
    const recent: ClientOpRecord[] = [];
    for (let i = ops.length - 1; i >= 0 && recent.length < LATENCY_SAMPLE; i--) {
      const o = ops[i]!;
      if (o.ok && o.completedAt !== null) recent.push(o);
    }
    return {
      clients: sim.scenario.workload.clients,
      enabled: st.workloadEnabled,
      rate: st.workloadRate,
      total: ops.length,
      ok,
      failed,
      pending,
      p50: latencyQuantile(recent, 0.5),
      p99: latencyQuantile(recent, 0.99),
    };
  }
}
