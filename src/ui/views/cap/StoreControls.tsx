/**
 * The leaderless store's knobs: N, R, W, versioning, read repair, hinted handoff and each
 * server's clock skew. A change re-runs the run with the same seed and the same user actions
 * to the same moment (the worker's `section` command), so the two settings compare like for
 * like; the other side is unchanged.
 */
import { useState } from 'react';
import { send } from '../../store/channel';
import { useSim } from '../../store/sim';
import { useSideInfo } from './CapStage';
import type { StoreSettings } from './words';

type Settings = StoreSettings & { clockSkew?: Record<string, number> } & Record<string, unknown>;

function NumberSelect(props: {
  label: string;
  value: number;
  max: number;
  onChange(v: number): void;
}) {
  return (
    <label className="field">
      <span className="muted">{props.label}</span>
      <select
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      >
        {Array.from({ length: props.max }, (_, i) => i + 1).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StoreControls() {
  const main = useSideInfo('main');
  const twin = useSideInfo('companion');
  const nodes = useSim((s) => s.run?.nodes ?? []);
  const side = main?.routing === 'any-node' ? main : twin?.routing === 'any-node' ? twin : null;
  const [skewDraft, setSkewDraft] = useState<Record<string, string>>({});
  if (!side) return null;
  const c = side.config as Settings;
  const change = (patch: Partial<Settings>) => {
    const next: Settings = { ...c, ...patch };
    // Keep R and W within N, as the engine requires, when N shrinks.
    next.r = Math.min(next.r, next.n);
    next.w = Math.min(next.w, next.n);
    send({ type: 'section', protocol: side.protocol, config: next });
  };
  const skew = c.clockSkew ?? {};
  return (
    <div className="cap-controls" role="group" aria-label={`${side.title} settings`}>
      <span className="cap-controls-title">{side.title} settings</span>
      <NumberSelect label="N" value={c.n} max={nodes.length} onChange={(n) => change({ n })} />
      <NumberSelect label="R" value={c.r} max={c.n} onChange={(r) => change({ r })} />
      <NumberSelect label="W" value={c.w} max={c.n} onChange={(w) => change({ w })} />
      <label className="field">
        <span className="muted">versioning</span>
        <select
          aria-label="versioning"
          value={c.versioning}
          onChange={(e) => change({ versioning: e.target.value as Settings['versioning'] })}
        >
          <option value="lww">last writer wins</option>
          <option value="vector">version vectors</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={c.hintedHandoff}
          onChange={(e) => change({ hintedHandoff: e.target.checked })}
        />{' '}
        hinted handoff
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={c.readRepair !== false}
          onChange={(e) => change({ readRepair: e.target.checked })}
        />{' '}
        read repair
      </label>
      <details className="cap-skew">
        <summary>clock skew</summary>
        {nodes.map((id) => (
          <label key={id} className="field">
            <span className="muted">{id} ms ahead</span>
            <input
              type="number"
              min={0}
              max={3_600_000}
              step={50}
              aria-label={`clock skew of ${id} in ms`}
              value={skewDraft[id] ?? String(skew[id] ?? 0)}
              onChange={(e) => setSkewDraft({ ...skewDraft, [id]: e.target.value })}
              onBlur={() => {
                const text = skewDraft[id];
                if (text === undefined) return;
                setSkewDraft(({ [id]: _drop, ...rest }) => rest);
                const ms = Number(text);
                if (!Number.isFinite(ms) || ms === (skew[id] ?? 0)) return;
                // A negative or huge skew goes to the worker, whose error names it.
                change({ clockSkew: { ...skew, [id]: ms } });
              }}
            />
          </label>
        ))}
      </details>
    </div>
  );
}
