/** `npm run bench`: every benchmark, printing figures (none of them is a pass/fail test). */
import { benchChecker } from './checker';
import { benchEngine } from './engine';
import { benchExplorer } from './explorer';
import { runHistoryBench, runHistoryPerMinuteBench } from './history';
import { benchLoadBalancer } from './loadbalancer';
import { benchPaxos } from './paxos';
import { benchRaft } from './raft';
import { benchUi } from './ui';

benchEngine();
benchRaft();
benchPaxos();
benchLoadBalancer();
runHistoryBench([1000, 2000, 4000]);
runHistoryPerMinuteBench();
benchChecker();
await benchUi();
await benchExplorer(); // minutes: BENCH_SKIP_EXPLORER=1 skips it
