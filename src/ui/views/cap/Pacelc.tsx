/**
 * Where a store sits in PACELC, and which half of the rule applies right now: under a
 * Partition it keeps Availability or Consistency; Else it trades Latency for Consistency.
 * The chosen letter of each half is filled; the half in force now (the network is cut, or
 * not) is marked "now".
 */
import { useSim } from '../../store/sim';
import type { Side } from '../../protocols/useProtocol';
import type { Choice } from './words';

function Half(props: {
  name: string;
  words: string;
  options: [Choice, Choice];
  chosen: Choice;
  now: boolean;
}) {
  return (
    <div className={`pacelc-half${props.now ? ' now' : ''}`}>
      <span className="pacelc-name" title={props.words}>
        {props.name}
      </span>
      {props.options.map((o) => (
        <span key={o} className={`pacelc-choice${o === props.chosen ? ' chosen' : ''}`}>
          {o}
        </span>
      ))}
      {props.now && <span className="pacelc-now">now</span>}
    </div>
  );
}

export function Pacelc({
  which,
  partition,
  normal,
}: {
  which: Side;
  partition: Choice;
  normal: Choice;
}) {
  const cut = useSim((s) => {
    const snap = which === 'main' ? s.panel : (s.panel?.companion ?? null);
    return snap ? snap.cut.some((row) => row.some(Boolean)) : false;
  });
  const label =
    `PACELC: if partitioned, ${partition === 'A' ? 'availability' : 'consistency'}; ` +
    `else ${normal === 'L' ? 'latency' : 'consistency'}. ` +
    `Now: ${cut ? 'partitioned' : 'not partitioned'}.`;
  return (
    <div className="pacelc" role="img" aria-label={label}>
      <Half name="P" words="if partitioned" options={['A', 'C']} chosen={partition} now={cut} />
      <Half name="E" words="else" options={['L', 'C']} chosen={normal} now={!cut} />
    </div>
  );
}
