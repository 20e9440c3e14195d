/**
 * Play/pause, step, speed (log scale, 1/1000× … 50×), "run to the next scripted action" and
 * "run to the next marker", the run clock and the event counter.
 */
import { useSim } from '../store/sim';
import { fmtSpeed, fmtTime } from '../format';
import { useClock } from '../store/clock';
import { SPEED_MAX_LOG, SPEED_MIN_LOG, speedAt } from './speed';
import { useRunTo } from './runTo';

export { SPEED_MIN_LOG };

function Clock() {
  const time = useClock((s) => s.time);
  const text = `t = ${fmtTime(time)}`;
  return (
    <span className="clock" aria-label={`virtual time ${fmtTime(time)}`}>
      <span className="clock-face" style={{ width: `${text.length}ch` }}>
        {text}
      </span>
    </span>
  );
}

function RunToButtons() {
  const { nextAction, toNextAction, toNextMarker, hunting } = useRunTo();
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={!nextAction}
        onClick={toNextAction}
        aria-label="Run to the next scripted action"
        title={
          nextAction
            ? `Run to the next scripted action: ${fmtTime(nextAction.at)}, ${nextAction.text}`
            : 'No scripted action ahead'
        }
      >
        <svg viewBox="0 0 16 16" width={14} height={14} aria-hidden="true">
          <path d="M2 2.5 L8 8 L2 13.5 Z M8 2.5 L14 8 L8 13.5 Z" fill="currentColor" />
        </svg>
        <span>Next action</span>
      </button>
      <button
        type="button"
        className="btn"
        onClick={toNextMarker}
        aria-label="Run to the next marker"
        title="Run to the next moment on the timeline (an election, a crash, a leader change…)"
        aria-busy={hunting}
      >
        <svg viewBox="0 0 16 16" width={14} height={14} aria-hidden="true">
          <path d="M2 2.5 L9 8 L2 13.5 Z" fill="currentColor" />
          <circle cx={12.5} cy={8} r={2.6} fill="currentColor" />
        </svg>
        <span>{hunting ? 'Searching…' : 'Next marker'}</span>
      </button>
    </>
  );
}

export function Transport() {
  const playing = useSim((s) => s.playing);
  const speed = useSim((s) => s.speed);
  const eventId = useSim((s) => s.panel?.eventId ?? 0);
  const togglePlay = useSim((s) => s.togglePlay);
  const step = useSim((s) => s.step);
  const setSpeed = useSim((s) => s.setSpeed);
  const logSpeed = Math.log10(speed);
  return (
    <div className="transport" role="toolbar" aria-label="playback">
      <button
        type="button"
        className={`btn primary play${playing ? ' playing' : ''}`}
        onClick={togglePlay}
        aria-label={playing ? 'Pause' : 'Play'}
        title={playing ? 'Pause (Space)' : 'Play (Space)'}
      >
        {playing ? (
          <svg viewBox="0 0 16 16" width={14} height={14} aria-hidden="true">
            <rect x={3} y={2} width={3.5} height={12} rx={1} fill="currentColor" />
            <rect x={9.5} y={2} width={3.5} height={12} rx={1} fill="currentColor" />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" width={14} height={14} aria-hidden="true">
            <path d="M4 2.5 L13.5 8 L4 13.5 Z" fill="currentColor" />
          </svg>
        )}
        <span>{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => step(1)}
        aria-label="Step one event"
        title="Step one event (→)"
      >
        <svg viewBox="0 0 16 16" width={14} height={14} aria-hidden="true">
          <path d="M3 2.5 L10 8 L3 13.5 Z" fill="currentColor" />
          <rect x={11} y={2.5} width={2.5} height={11} rx={1} fill="currentColor" />
        </svg>
        <span>Step</span>
      </button>
      <RunToButtons />
      <label className="speed">
        <span className="muted">speed</span>
        <input
          type="range"
          aria-label="speed"
          aria-valuetext={`${fmtSpeed(speed)} real time`}
          min={SPEED_MIN_LOG}
          max={SPEED_MAX_LOG}
          step={0.01}
          value={logSpeed}
          list="speed-stops"
          onChange={(e) => setSpeed(speedAt(Number(e.target.value)))}
        />
        <datalist id="speed-stops">
          {[-3, -2, Math.log10(0.02), -1, 0, 1, Math.log10(20), SPEED_MAX_LOG].map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <output className="speed-value">{fmtSpeed(speed)}</output>
      </label>
      <div className="transport-readout">
        <Clock />
        <span className="event-count" aria-label={`event ${eventId}`}>
          event #{eventId}
        </span>
      </div>
    </div>
  );
}
