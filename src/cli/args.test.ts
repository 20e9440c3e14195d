import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('sim CLI arguments', () => {
  it('reads a file with a seed range, duration and trace', () => {
    const r = parseArgs(['s.json', '--seeds', '3-6', '--duration', '500', '--trace']);
    expect(r).toEqual({
      ok: true,
      args: { file: 's.json', seeds: [3, 4, 5, 6], duration: 500, trace: true },
    });
  });

  it('leaves the range of --seed and --duration to the scenario schema', () => {
    // Checked where a file's seed and duration are (sim.test.ts): same limits, same words.
    expect(parseArgs(['a.json', '--seed', '4294967296', '--duration', '1e12'])).toEqual({
      ok: true,
      args: { file: 'a.json', seeds: [4294967296], duration: 1e12, trace: false },
    });
  });

  it('reads --knee with its steps, and --knee alone with the default steps', () => {
    expect(parseArgs(['--knee', '--knee-steps', '6', 'a.json', '--seed', '2'])).toEqual({
      ok: true,
      args: { file: 'a.json', seeds: [2], duration: null, trace: false, knee: { steps: 6 } },
    });
    const r = parseArgs(['a.json', '--knee']);
    expect(r.ok && r.args.knee).toEqual({ steps: null });
  });

  it.each([
    [[], /no scenario file/],
    [['a.json', 'b.json'], /only one scenario file/],
    [['a.json', '--seeds', '9-3'], /empty/],
    [['a.json', '--seeds', 'x'], /range A-B/],
    [['a.json', '--seed'], /non-negative integer/],
    [['a.json', '--seed', '1e3'], /non-negative integer/],
    [['a.json', '--duration', 'soon'], /a number of ms/],
    [['a.json', '--duration', ''], /a number of ms/],
    [['a.json', '--bogus'], /unknown option --bogus/],
    [['a.json', '--knee-steps', '5'], /--knee-steps needs --knee/],
    [['a.json', '--knee', '--knee-steps', 'many'], /whole number of steps/],
    [['a.json', '--knee', '--knee-steps'], /whole number of steps/],
    [['a.json', '--knee', '--trace'], /--knee runs one seed headless: drop --trace/],
    [['a.json', '--knee', '--seeds', '1-3'], /drop --seeds/],
    [['a.json', '--knee', '--jtl', 'x.jtl'], /drop --jtl/],
  ])('rejects %j', (argv, message) => {
    const r = parseArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});
