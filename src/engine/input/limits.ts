/**
 * Input limits: what a scenario file, a run link or the CLI's options may hold, so that
 * nothing they contain can freeze the lab or exhaust its memory. The same checks run in the
 * file loader (parseScenarioText), the link decoder and the CLI, before any other work:
 * size first, then the shape of the JSON (nesting, list lengths, text lengths, finite
 * numbers) without looking at what it means. The table is documented in
 * docs/scenario-format.md ("Limits"); change both together.
 */

export const LIMITS = {
  /** UTF-8 bytes of a scenario file (a leading byte-order mark not counted) or of a link's data. */
  textBytes: 1_000_000,
  /** Characters of a run link. */
  linkChars: 400_000,
  /** Items in any one list (actions, a link's user actions, …) or keys in any one object. */
  listItems: 10_000,
  /** Levels of nesting of the JSON (`$.actions[0].groups[0][0]` is 4). */
  depth: 16,
  /** Characters of `name`. */
  name: 200,
  /** Characters of `description`. */
  description: 10_000,
  /** Characters of a request's key. */
  key: 256,
  /** Characters of any other text, a request's value and every property name included. */
  text: 1_000,
  /** Longest run, in ms of virtual time. */
  duration: 3_600_000,
  /**
   * The work a run may ask for: nodes × clients × requests per second per client × duration
   * in seconds (the largest rate the scenario sets, its workload actions included).
   */
  work: 1_000_000,
  /** Problems listed for one input; the others are counted ("… and 12 more"). */
  errors: 20,
  /**
   * Events in a row at one virtual time before the simulator stops the run (a zero-time
   * loop); actions, and the events a paused node deferred to its resume, are not counted.
   */
  sameTimeEvents: 10_000,
  /** Events the lab computes of one run, with up to five nodes (see labEventBudget). */
  labEvents: 500_000,
  /** With more nodes, the lab's budget is this many node-events (each event costs more memory). */
  labNodeEvents: 2_500_000,
} as const;

/**
 * How many events the lab (the run history) computes of a run with `nodes` nodes: 500 000,
 * or 2 500 000 ÷ nodes beyond five nodes. The CLI keeps no history and has no such budget.
 */
export function labEventBudget(nodes: number): number {
  return Math.min(LIMITS.labEvents, Math.floor(LIMITS.labNodeEvents / Math.max(1, nodes)));
}

/**
 * Problems of one input: the first LIMITS.errors are kept as text, the others only counted,
 * so a file with a million mistakes costs no more than one with twenty.
 */
export class Problems {
  private readonly shown: string[] = [];
  private hidden = 0;

  constructor(private readonly max: number = LIMITS.errors) {}

  add(problem: string): void {
    if (this.shown.length < this.max) this.shown.push(problem);
    else this.hidden++;
  }

  addAll(problems: Iterable<string>): void {
    for (const p of problems) this.add(p);
  }

  get count(): number {
    return this.shown.length + this.hidden;
  }

  /** The problems as lines: at most `max`, then "… and N more". */
  list(): string[] {
    return this.hidden === 0
      ? [...this.shown]
      : [...this.shown, `… and ${this.hidden} more ${this.hidden === 1 ? 'problem' : 'problems'}`];
  }
}

/** At most LIMITS.errors lines of `errors`, then "… and N more". */
export function capErrors(errors: readonly string[]): string[] {
  const p = new Problems();
  p.addAll(errors);
  return p.list();
}

const BOM = '\uFEFF';

/** Text without a leading byte-order mark (editors on Windows write one; it is not content). */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** UTF-8 length of `text`, counting no further than just past `stop` bytes. */
export function utf8Length(text: string, stop = Infinity): number {
  // Every UTF-16 unit is at least one byte: a text longer than `stop` units is too long already.
  if (text.length > stop) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stop; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export type JsonResult = { ok: true; json: unknown } | { ok: false; errors: string[] };

/**
 * JSON text to a value, with its size checked first: a leading byte-order mark is dropped,
 * more than LIMITS.textBytes is refused before parsing. Never throws.
 */
export function readJsonText(text: string, what = 'the scenario'): JsonResult {
  const body = stripBom(text);
  if (utf8Length(body, LIMITS.textBytes) > LIMITS.textBytes) {
    return {
      ok: false,
      errors: [
        `$: ${what} is more than ${LIMITS.textBytes} bytes long; at most ${LIMITS.textBytes} bytes are read`,
      ],
    };
  }
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, errors: [`$: not valid JSON (${(e as Error).message})`] };
  }
}

/** `$.a.b[2]`: a JSON path, with keys that are not plain names quoted. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A short, safe rendering of a value for a message (long text is cut). */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(cut);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'Infinity';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/**
 * The shape limits of a JSON value, whatever it means: nesting depth, items per list and
 * keys per object, text lengths (property names included), finite numbers (JSON.parse reads
 * `1e999` as Infinity, which would come back out of an export as `null`). Lists and objects
 * beyond a limit are not looked into. `textLimit` gives the longest text allowed at a path.
 */
export function checkShape(
  value: unknown,
  problems: Problems,
  path = '$',
  textLimit: (path: string) => number = () => LIMITS.text,
): void {
  const walk = (v: unknown, p: string, depth: number): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        const why = Number.isNaN(v) ? 'NaN' : 'JSON reads a number as large as 1e999 as Infinity';
        problems.add(`${p}: not a finite number (${why})`);
      }
      return;
    }
    if (typeof v === 'string') {
      const max = textLimit(p);
      if (v.length > max) {
        problems.add(`${p}: text of ${v.length} characters; at most ${max} are allowed`);
      }
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (depth >= LIMITS.depth) {
      problems.add(`${p}: nested more than ${LIMITS.depth} levels deep`);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length > LIMITS.listItems) {
        problems.add(
          `${p}: a list of ${v.length} items; at most ${LIMITS.listItems} are allowed in one list`,
        );
        return;
      }
      for (let i = 0; i < v.length; i++) walk(v[i], childPath(p, i), depth + 1);
      return;
    }
    const keys = Object.keys(v);
    if (keys.length > LIMITS.listItems) {
      problems.add(
        `${p}: an object of ${keys.length} keys; at most ${LIMITS.listItems} are allowed in one object`,
      );
      return;
    }
    for (const key of keys) {
      if (key.length > LIMITS.text) {
        problems.add(
          `${p}: a property name of ${key.length} characters; at most ${LIMITS.text} are allowed`,
        );
        continue;
      }
      walk((v as Record<string, unknown>)[key], childPath(p, key), depth + 1);
    }
  };
  walk(value, path, 0);
}
