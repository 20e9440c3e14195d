/** `npm run bench`: every benchmark, printing figures (none of them is a pass/fail test). */
import { benchEngine } from './engine';
import { runHistoryBench } from './history';
import { benchRaft } from './raft';

benchEngine();
benchRaft();
runHistoryBench();
