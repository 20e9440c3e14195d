import { describe, expect, it } from 'vitest';
import { JTL_HEADER, jtlRow } from './jtl';
import type { RequestRecord } from './types';

const base: RequestRecord = {
  id: 1,
  client: 2,
  key: 'k7',
  issuedAt: 1000.4,
  completedAt: 1012.9,
  ok: true,
  code: 200,
  message: '',
  backend: 'S2',
  arrivedAt: 1001,
  startedAt: 1001,
  servedAt: 1011.9,
  attempts: 1,
};
const options = { label: 'slow, server', group: 'users', threads: 20 };

describe('JMeter JTL', () => {
  it('has JMeter’s default CSV columns', () => {
    expect(JTL_HEADER.split(',')).toHaveLength(17);
    expect(JTL_HEADER).toBe(
      'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect',
    );
  });

  it('writes a sample per completed request, quoting fields that need it', () => {
    expect(jtlRow(base, options)).toBe(
      '1000,13,"slow, server",200,OK,users 1-3,text,true,,0,0,20,20,http://S2/k7,13,0,0',
    );
    const failed = { ...base, ok: false, code: 504, message: 'timeout after 1000 ms' };
    expect(
      jtlRow(failed, { ...options, label: 'get' })!
        .split(',')
        .slice(3, 9),
    ).toEqual(['504', 'Gateway Timeout', 'users 1-3', 'text', 'false', 'timeout after 1000 ms']);
    expect(jtlRow({ ...base, completedAt: null }, options)).toBeNull();
  });
});
