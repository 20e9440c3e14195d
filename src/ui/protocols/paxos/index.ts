/** Paxos's two view modules: single-decree (`paxos`) and Multi-Paxos (`multi-paxos`). */
export { paxosView } from './single';
export { multiPaxosView } from './multi';
