/** Play/pause, step, speed (log scale, 1/1000× … 1×), run clock and event counter. */
import { useSim } from '../store/sim';
import { fmtSpeed, fmtTime } from '../format';
import { useClock } from '../store/clock';

export const SPEED_MIN_LOG = -3;

function Clock() {
  const time = useClock((s) => s.time);
  return (
    <span className="clock" aria-label={`virtual time ${fmtTime(time)}`}>
      t = {fmtTime(time)}
    </span>
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
      <label className="speed">
        <span className="muted">speed</span>
        <input
          type="range"
          aria-label="speed"
          aria-valuetext={`${fmtSpeed(speed)} real time`}
          min={SPEED_MIN_LOG}
          max={0}
          step={0.05}
          value={logSpeed}
          onChange={(e) => setSpeed(10 ** Number(e.target.value))}
        />
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
