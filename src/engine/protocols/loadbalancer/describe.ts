/** How the lab and the trace name and draw each balancer ↔ backend message. */
import type { MessageInfo } from '../../protocol';
import type { LbMessage } from './types';

export type LbMessageClass = 'request' | 'response' | 'refusal' | 'probe';

function info(cls: LbMessageClass, label: string): MessageInfo {
  return { cls, epoch: null, label };
}

export function describeLbMessage(m: LbMessage): MessageInfo {
  switch (m.type) {
    case 'request':
      return info('request', `#${m.id}${m.attempt > 1 ? ` (try ${m.attempt})` : ''} ${m.key}`);
    case 'response':
      return m.code === 200 ? info('response', `#${m.id} 200`) : info('refusal', `#${m.id} 503`);
    case 'probe':
      return info('probe', 'health probe');
    case 'probe-ok':
      return info('probe', 'health ok');
  }
}
