/**
 * Schema problems in plain words. valibot reports what its code saw ("Invalid key: Expected
 * "duration" but received undefined"); a person editing a scenario needs where and what is
 * expected there: `$.duration: required, a number of ms from 1 to 3600000`. The words come
 * from the issue (its kind, type, requirement and input) and, for a missing or mistyped
 * field, from the schema at the issue's path, which says what belongs there. A schema may
 * name its unit with `v.metadata({ unit: 'ms' })`.
 *
 * Also here: the one shape valibot does not check. Its `object`, `record` and `variant`
 * accept a list (a JSON array is an object to `typeof`), so `"network": []` would pass as
 * `{}`; findListsForObjects walks any schema beside its input to report each of them.
 */
import * as v from 'valibot';
import { childPath, preview } from './limits';
import type { Problems } from './limits';

/** Names the unit of a number in messages: `v.pipe(v.number(), …, unit('ms'))` reads "a number of ms". */
export function unit(name: string): v.MetadataAction<number, { unit: string }> {
  return v.metadata<number, { unit: string }>({ unit: name });
}

/** The parts of a valibot schema or action this module reads (valibot's own types are generic). */
interface Node {
  kind: string;
  type: string;
  expects?: string | null;
  entries?: Record<string, Node>;
  item?: Node;
  value?: Node;
  wrapped?: Node;
  options?: unknown[];
  key?: string;
  literal?: unknown;
  pipe?: Node[];
  requirement?: unknown;
  metadata?: Record<string, unknown>;
}

const WRAPPERS = new Set(['optional', 'nullable', 'nullish', 'exact_optional', 'non_optional']);
const OBJECTS = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);

function asNode(schema: unknown): Node {
  return schema as Node;
}

/** The schema inside optional/nullable wrappers. */
function unwrap(s: Node): Node {
  let n = s;
  while (WRAPPERS.has(n.type) && n.wrapped) n = n.wrapped;
  return n;
}

/** Every action of a schema's pipe, nested pipes included. */
function actionsOf(s: Node): Node[] {
  const out: Node[] = [];
  const collect = (n: Node) => {
    if (!n.pipe) return;
    for (const item of n.pipe) {
      if (item === n.pipe[0] && item.kind === 'schema') collect(item);
      else if (item.kind !== 'schema') out.push(item);
    }
  };
  collect(s);
  return out;
}

/** The option of a variant its input's discriminator selects, or null. */
function variantOption(s: Node, input: unknown): Node | null {
  if (typeof input !== 'object' || input === null || !s.key || !s.options) return null;
  const tag = (input as Record<string, unknown>)[s.key];
  for (const raw of s.options) {
    const o = unwrap(asNode(raw));
    if (o.type === 'variant') {
      const inner = variantOption(o, input);
      if (inner) return inner;
      continue;
    }
    const d = o.entries?.[s.key];
    if (d && unwrap(d).type === 'literal' && unwrap(d).literal === tag) return o;
  }
  return null;
}

/** The schema of a child of `s` (an object's entry, a list's item, a record's value). */
function childSchema(s: Node, key: unknown, input: unknown): Node | null {
  const n = unwrap(s);
  if (OBJECTS.has(n.type)) return typeof key === 'string' ? (n.entries?.[key] ?? null) : null;
  if (n.type === 'array') return n.item ?? null;
  if (n.type === 'record') return n.value ?? null;
  if (n.type === 'variant') {
    const o = variantOption(n, input);
    return o ? childSchema(o, key, input) : null;
  }
  return null;
}

type PathItem = { key: unknown; input: unknown };

function schemaAt(root: Node, path: readonly PathItem[]): Node | null {
  let s: Node | null = root;
  for (const item of path) {
    if (s === null) return null;
    s = childSchema(s, item.key, item.input);
  }
  return s;
}

function quoteAll(values: readonly unknown[]): string {
  const shown = values.slice(0, 12).map((x) => JSON.stringify(x));
  return values.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** What a schema accepts, in words: "a whole number from 1 to 15", "one of "a", "b"". */
export function describeSchema(schema: unknown): string {
  const outer = asNode(schema);
  const s = unwrap(outer);
  const orNull = outer.type === 'nullable' || outer.type === 'nullish' ? ' or null' : '';
  const acts = actionsOf(s);
  const req = (type: string) => acts.find((a) => a.type === type)?.requirement;
  const unit = acts.find((a) => a.type === 'metadata')?.metadata?.unit;
  let text: string;
  switch (s.type) {
    case 'number': {
      const whole = acts.some((a) => a.type === 'integer');
      text = `${whole ? 'a whole number' : 'a number'}${typeof unit === 'string' ? ` of ${unit}` : ''}`;
      const min = req('min_value');
      const max = req('max_value');
      const gt = req('gt_value');
      if (min !== undefined && max !== undefined) text += ` from ${String(min)} to ${String(max)}`;
      else if (min !== undefined) text += ` of at least ${String(min)}`;
      else if (gt !== undefined) text += ` greater than ${String(gt)}`;
      else if (max !== undefined) text += ` of at most ${String(max)}`;
      break;
    }
    case 'string': {
      const nonEmpty = acts.some((a) => a.type === 'non_empty');
      const max = req('max_length');
      text = `${nonEmpty ? 'non-empty text' : 'text'}${max === undefined ? '' : ` of at most ${String(max)} characters`}`;
      break;
    }
    case 'boolean':
      text = 'true or false';
      break;
    case 'literal':
      text = JSON.stringify(s.literal);
      break;
    case 'picklist':
      text = `one of ${quoteAll(s.options ?? [])}`;
      break;
    case 'array':
      text = 'a list';
      break;
    case 'variant':
      text = `an object with a "${s.key ?? 'type'}"`;
      break;
    default: {
      const keys = OBJECTS.has(s.type) ? Object.keys(s.entries ?? {}) : [];
      if (keys.length > 0 && keys.length <= 3) {
        const last = keys.pop()!;
        text = `an object with ${keys.length > 0 ? `${keys.join(', ')} and ${last}` : last}`;
      } else if (OBJECTS.has(s.type) || s.type === 'record') text = 'an object';
      else text = s.expects ?? 'a value';
    }
  }
  return text + orNull;
}

/** The expected values of a valibot `expected` string (`"crash" | "restart"`), quoted. */
function expectedList(expected: string | null): string {
  if (!expected) return 'another value';
  const parts = expected
    .replace(/^\(|\)$/g, '')
    .split(' | ')
    .filter((p) => p !== 'undefined');
  return parts.length > 12 ? `${parts.slice(0, 12).join(', ')}, …` : parts.join(', ');
}

function lengthOf(input: unknown): number {
  return typeof input === 'string' || Array.isArray(input) ? input.length : 0;
}

/** One issue as `path: words`, with `base` the path of the schema's input (`$`, `$.<protocol>`). */
export function formatIssue(issue: v.BaseIssue<unknown>, root: unknown, base = '$'): string {
  const items: PathItem[] = (issue.path ?? []).map((p) => ({ key: p.key, input: p.input }));
  let path = base;
  for (const item of items) {
    path = childPath(path, typeof item.key === 'number' ? item.key : String(item.key));
  }
  return `${path}: ${issueWords(issue, asNode(root), items)}`;
}

function oneOf(issue: v.BaseIssue<unknown>, got: string): string {
  return issue.input === undefined
    ? `required, one of ${expectedList(issue.expected)}`
    : `must be one of ${expectedList(issue.expected)}, ${got}`;
}

function issueWords(issue: v.BaseIssue<unknown>, root: Node, items: PathItem[]): string {
  const input = issue.input;
  const got = `got ${preview(input)}`;
  const r = issue.requirement;
  const text = typeof input === 'string';
  switch (issue.type) {
    case 'min_value':
      return `must be at least ${String(r)}, ${got}`;
    case 'max_value':
      return `must be at most ${String(r)}, ${got}`;
    case 'gt_value':
      return `must be greater than ${String(r)}, ${got}`;
    case 'lt_value':
      return `must be less than ${String(r)}, ${got}`;
    case 'integer':
      return `must be a whole number, ${got}`;
    case 'finite':
      return `must be a finite number, ${got}`;
    case 'non_empty':
      return text ? 'must not be empty text' : 'must not be empty';
    case 'min_length':
      return text
        ? `must be at least ${String(r)} characters long`
        : `must hold at least ${String(r)} ${r === 1 ? 'item' : 'items'}`;
    case 'max_length':
      return text
        ? `must be at most ${String(r)} characters long, got ${lengthOf(input)}`
        : `must hold at most ${String(r)} items, got ${lengthOf(input)}`;
    case 'variant':
      // A discriminator that matches no option (a list or a number where an object belongs
      // is a plain type mismatch, below).
      if (issue.expected === 'Object') break;
      return oneOf(issue, got);
    case 'picklist':
    case 'literal':
      return oneOf(issue, got);
  }
  if (issue.kind !== 'schema') return issue.message;
  const at = schemaAt(root, items);
  const want = at ? describeSchema(at) : (issue.expected ?? 'another value');
  if (input === undefined) return `required, ${want}`;
  return `expected ${want}, ${got}`;
}

/**
 * Where `value` holds a list in a place `schema` wants an object (a record, a variant),
 * reported as `path: expected an object, got a list`. Returns the paths reported, so their
 * schema issues (which would follow from reading the list as an object) can be left out.
 */
export function findListsForObjects(
  schema: unknown,
  value: unknown,
  problems: Problems,
  path = '$',
): string[] {
  const found: string[] = [];
  const walk = (s: Node, x: unknown, p: string): void => {
    const n = unwrap(s);
    if (typeof x !== 'object' || x === null) return;
    const wantsObject = OBJECTS.has(n.type) || n.type === 'record' || n.type === 'variant';
    if (wantsObject && Array.isArray(x)) {
      problems.add(`${p}: expected ${describeSchema(n)}, got a list`);
      found.push(p);
      return;
    }
    if (Array.isArray(x)) {
      if (n.type === 'array' && n.item) x.forEach((el, i) => walk(n.item!, el, childPath(p, i)));
      return;
    }
    const obj = x as Record<string, unknown>;
    if (OBJECTS.has(n.type)) {
      for (const [key, entry] of Object.entries(n.entries ?? {})) {
        if (Object.hasOwn(obj, key)) walk(entry, obj[key], childPath(p, key));
      }
    } else if (n.type === 'record' && n.value) {
      for (const key of Object.keys(obj)) walk(n.value, obj[key], childPath(p, key));
    } else if (n.type === 'variant') {
      const o = variantOption(n, obj);
      if (o) walk(o, obj, p);
    }
  };
  walk(asNode(schema), value, path);
  return found;
}

/**
 * Fields `schema` does not know, anywhere in `value` (a typo such as `"prevote"` would
 * otherwise be dropped in silence): `path.field: unknown field (expected one of a, b, c)`,
 * with a "did you mean" when one known name differs only in case. `allowed` names extra
 * keys accepted at the top (the protocol sections a scenario may carry).
 */
export function findUnknownFields(
  schema: unknown,
  value: unknown,
  problems: Problems,
  path = '$',
  allowed: readonly string[] = [],
): void {
  const walk = (s: Node, x: unknown, p: string, extra: readonly string[]): void => {
    const n = unwrap(s);
    if (typeof x !== 'object' || x === null) return;
    if (Array.isArray(x)) {
      if (n.type === 'array' && n.item)
        x.forEach((el, i) => walk(n.item!, el, childPath(p, i), []));
      return;
    }
    const obj = x as Record<string, unknown>;
    if (OBJECTS.has(n.type)) {
      const entries = n.entries ?? {};
      const known = Object.keys(entries);
      for (const key of Object.keys(obj)) {
        if (Object.hasOwn(entries, key)) walk(entries[key]!, obj[key], childPath(p, key), []);
        else if (!extra.includes(key)) {
          const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
          const hint = near ? `did you mean "${near}"?` : `expected one of ${known.join(', ')}`;
          problems.add(`${childPath(p, key)}: unknown field (${hint})`);
        }
      }
    } else if (n.type === 'record' && n.value) {
      for (const key of Object.keys(obj)) walk(n.value, obj[key], childPath(p, key), []);
    } else if (n.type === 'variant') {
      const o = variantOption(n, obj);
      if (o) walk(o, obj, p, []);
    }
  };
  walk(asNode(schema), value, path, allowed);
}

/** Whether an issue lies at or under one of `paths` (JSON paths as formatIssue writes them). */
export function isUnder(formatted: string, paths: readonly string[]): boolean {
  return paths.some(
    (p) =>
      formatted.startsWith(`${p}:`) ||
      formatted.startsWith(`${p}.`) ||
      formatted.startsWith(`${p}[`),
  );
}
