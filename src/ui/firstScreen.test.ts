/**
 * The first screen's bundle stays small (issue 15: initial JS ≤ 150 kB gzipped): the page
 * must not reach the simulator, the scenario parser or the protocols through static imports
 * — those live in the worker, or load on demand with import(). Follows every static,
 * non-type import from src/main.tsx.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORT = /^\s*import\s+(?!type\b)([^'"]*?)\s*(?:from\s*)?['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = normalize(join(dirname(from), spec));
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    if (existsSync(base + ext) && !(base + ext).endsWith('/')) {
      if (ext !== '' || /\.(ts|tsx)$/.test(base)) return base + ext;
    }
  }
  return null;
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      // `import { type A, type B } from` brings nothing at run time.
      const names = m[1]!;
      if (
        /^\{[^}]*\}$/.test(names) &&
        names
          .slice(1, -1)
          .split(',')
          .every((n) => /^\s*(type\s|$)/.test(n))
      )
        continue;
      const next = resolve(file, m[2]!);
      if (next) todo.push(next);
    }
  }
  return seen;
}

describe('the first screen', () => {
  const files = [...reachable('src/main.tsx')];

  it('reaches the page code (else this test proves nothing)', () => {
    expect(files).toContain('src/ui/App.tsx');
    expect(files.length).toBeGreaterThan(40);
  });

  it('does not reach the simulator, the scenario parser or any protocol', () => {
    const heavy = files.filter(
      (f) =>
        /src\/engine\/(simulator|scenario|run|create)\.ts$/.test(f) ||
        /src\/engine\/protocols\/registry\.ts$/.test(f) ||
        /src\/engine\/protocols\/[^/]+\/[^/]+\/?[^/]*(config|step|coordinator)\.ts$/.test(f),
    );
    expect(heavy).toEqual([]);
  });
});
