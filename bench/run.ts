/** `npm run bench`: every benchmark, printing figures (none of them is a pass/fail test). */
import { benchEngine } from './engine';
import { runHistoryBench } from './history';
import { benchPaxos } from './paxos';
import { benchRaft } from './raft';
import { benchUi } from './ui';

benchEngine();
benchRaft();
benchPaxos();
runHistoryBench([1000, 500]);
await benchUi();
