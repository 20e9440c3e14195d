/**
 * Requests as a JMeter JTL file (CSV, JMeter's default columns), which JMeter's own report
 * generator and Gatling-style tools read. Times are virtual: `timeStamp` is ms since the
 * run's start (a report shows them as 1970 dates), `elapsed` and `Latency` the response
 * time, whole ms as JMeter writes them. One row per completed request, in the order issued.
 */
import type { RequestRecord } from './types';

export const JTL_HEADER =
  'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,' +
  'failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect';

const MESSAGES: Record<number, string> = {
  200: 'OK',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function csv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface JtlOptions {
  /** The sampler's label (the CLI uses the scenario's name). */
  label: string;
  /** Thread group name: rows' threadName is "<group> 1-<user>". */
  group: string;
  /** Users (closed load) or client hosts (open load): grpThreads and allThreads. */
  threads: number;
}

export function jtlRow(r: RequestRecord, o: JtlOptions): string | null {
  if (r.completedAt === null) return null;
  const elapsed = String(Math.round(r.completedAt - r.issuedAt));
  return [
    String(Math.round(r.issuedAt)),
    elapsed,
    csv(o.label),
    String(r.code),
    csv(MESSAGES[r.code] ?? ''),
    csv(`${o.group} 1-${r.client + 1}`),
    'text',
    String(r.ok),
    csv(r.message),
    '0',
    '0',
    String(o.threads),
    String(o.threads),
    csv(`http://${r.backend ?? 'lb'}/${r.key}`),
    elapsed,
    '0',
    '0',
  ].join(',');
}

/** The rows of every completed request (without the header). */
export function* jtlRows(requests: readonly RequestRecord[], o: JtlOptions): Generator<string> {
  for (const r of requests) {
    const row = jtlRow(r, o);
    if (row !== null) yield row;
  }
}
