/** `npm run bench`: every benchmark, printing figures (none of them is a pass/fail test). */
import { benchEngine } from './engine';

benchEngine();
