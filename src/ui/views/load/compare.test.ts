import { describe, expect, it } from 'vitest';
import type { LoadReport } from '../../../engine/load/report';
import type { ComparePlan, StrategyRun } from '../../../worker/loadCompare';
import { DISTRIBUTION_LEVELS } from '../../../worker/loadCompare';
import { compareCsv, compareRows, errorText, planText, throughputText } from './compareTable';
import { chartScales, distributionPath, nines, STRATEGY_COLORS } from './distribution';
import { STRATEGIES } from '../../../worker/loadCompare';

const report = (over: Partial<LoadReport>): LoadReport => ({
  samples: 1000,
  mean: 40,
  p50: 30,
  p90: 80,
  p95: 100,
  p99: 150,
  p999: 200,
  min: 2,
  max: 270.5,
  errorPct: 0,
  throughput: 450.092,
  backends: [],
  ...over,
});
const run = (strategy: StrategyRun['strategy'], over: Partial<LoadReport>, top = 100) => ({
  strategy,
  report: report(over),
  distribution: DISTRIBUTION_LEVELS.map((_, i) => (top * i) / 99),
});

describe('the compare table', () => {
  it('marks the lowest value of each latency column, and none for a lone strategy', () => {
    const rows = compareRows([
      run('random', { p50: 73, p99: 410.6, mean: 100 }),
      run('p2c', { p50: 31.8, p99: 148, mean: 40 }),
    ]);
    expect(rows.map((r) => r.strategy)).toEqual(['random', 'p2c']);
    const best = (i: number) => rows[i]!.cells.filter((c) => c.best).map((c) => c.key);
    expect(best(1)).toEqual(['p50', 'p90', 'p95', 'p99', 'p999', 'mean']);
    // p90, p95 and p99.9 tie: both are the lowest.
    expect(best(0)).toEqual(['p90', 'p95', 'p999']);
    expect(rows[1]!.label).toBe(
      'p2c: p50 31.8 ms, p90 80 ms, p95 100 ms, p99 148 ms, p99.9 200 ms, mean 40 ms, errors 0 %, throughput 450.1/s',
    );
    expect(compareRows([run('p2c', {})])[0]!.cells.some((c) => c.best)).toBe(false);
  });

  it('shows no samples as dashes', () => {
    const rows = compareRows([run('random', { p50: null, mean: null }), run('p2c', {})]);
    expect(rows[0]!.cells[0]).toEqual({ key: 'p50', text: '—', best: false });
  });

  it('formats errors and throughput', () => {
    expect(errorText(0)).toBe('0 %');
    expect(errorText(0.283)).toBe('0.28 %');
    expect(errorText(81.281)).toBe('81.3 %');
    expect(throughputText(179.767)).toBe('179.8/s');
  });

  it('says how much of the run was compared', () => {
    const plan: ComparePlan = {
      name: 'x',
      seed: 1,
      strategies: ['random', 'p2c'],
      duration: 377_000,
      fullDuration: 3_600_000,
      expectedRequests: 65_940,
    };
    expect(planText(plan)).toBe(
      'Seed 1, the first 377 s of 3600 s (cut so a compare takes about a second), about 65 940 requests per strategy.',
    );
    expect(planText({ ...plan, duration: 3000, fullDuration: 3000, expectedRequests: 30 })).toBe(
      'Seed 1, all 3 s, about 30 requests per strategy.',
    );
  });

  it('exports the table as CSV, times in ms, empty where none', () => {
    const csv = compareCsv([run('p2c', {}), run('random', { p99: null })]);
    expect(csv.split('\n')).toEqual([
      'strategy,samples,mean,p50,p90,p95,p99,p99.9,min,max,errorPct,throughput',
      'p2c,1000,40,30,80,100,150,200,2,270.5,0,450.092',
      'random,1000,40,30,80,100,,200,2,270.5,0,450.092',
      '',
    ]);
  });
});

describe('the distribution chart', () => {
  it('puts 90 %, 99 % and 99.9 % one nine apart', () => {
    expect(nines(0)).toBe(0);
    expect(nines(90)).toBeCloseTo(1, 12);
    expect(nines(99)).toBeCloseTo(2, 12);
    expect(nines(99.9)).toBeCloseTo(3, 12);
  });

  it('scales latency from 0 to above the highest line, percentiles across the box', () => {
    const box = { width: 500, height: 200, margin: { top: 10, right: 10, bottom: 30, left: 50 } };
    const s = chartScales([run('p2c', {}, 80), run('random', {}, 410)], box);
    expect(s.y.domain()[0]).toBe(0);
    expect(s.y.domain()[1]).toBeGreaterThanOrEqual(410);
    expect(s.x(0)).toBe(50);
    expect(s.x(nines(99.9))).toBeCloseTo(490, 9);
    const path = distributionPath(run('p2c', {}, 80), s);
    expect(path.startsWith('M50,170')).toBe(true);
    expect(path.split('L')).toHaveLength(DISTRIBUTION_LEVELS.length);
    expect(distributionPath({ ...run('p2c', {}), distribution: [] }, s)).toBe('');
  });

  it('has a colour of its own for every strategy', () => {
    const colors = STRATEGIES.map((s) => STRATEGY_COLORS[s]);
    expect(new Set(colors).size).toBe(STRATEGIES.length);
  });
});
