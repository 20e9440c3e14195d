/**
 * `--jtl FILE`: every request of every run in the batch written to one JMeter JTL file
 * (engine/load/jtl.ts), the header once, each run's rows as it ends. The label is the
 * scenario's name, with the seed when the batch has more than one.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { loadClients } from '../engine/load/config';
import { JTL_HEADER, jtlRows } from '../engine/load/jtl';
import type { Scenario } from '../engine/scenario';
import type { Simulator } from '../engine/simulator';

/** Rows gathered per write. */
const CHUNK = 2000;

export interface JtlFile {
  onRun(sim: Simulator, seed: number): void;
  close(): void;
}

export function openJtl(
  file: string,
  scenario: Scenario,
  seeds: number,
): { ok: true; jtl: JtlFile } | { ok: false; error: string } {
  const load = scenario.load;
  if (load === null) {
    return {
      ok: false,
      error: `--jtl: a ${scenario.protocol} run has no load to write (only a run with a "load" section has)`,
    };
  }
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (e) {
    return {
      ok: false,
      error: `--jtl: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
  writeSync(fd, `${JTL_HEADER}\n`);
  const group = load.model === 'closed' ? 'users' : 'clients';
  return {
    ok: true,
    jtl: {
      onRun(sim, seed) {
        const requests = sim.state.load?.requests ?? [];
        const label = seeds > 1 ? `${scenario.name} (seed ${seed})` : scenario.name;
        const options = { label, group, threads: loadClients(load) };
        let chunk: string[] = [];
        for (const row of jtlRows(requests, options)) {
          chunk.push(row);
          if (chunk.length === CHUNK) {
            writeSync(fd, `${chunk.join('\n')}\n`);
            chunk = [];
          }
        }
        if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
      },
      close: () => closeSync(fd),
    },
  };
}
