/** The shape of one message kind, drawn at the origin: shared by the cluster and the legend. */
import type { MessageClass } from '../../worker/protocol';
import { MESSAGE_STYLE } from '../theme';
import { diamond } from '../views/cluster/shapes';

export function MessageGlyph({ cls }: { cls: MessageClass }) {
  const st = MESSAGE_STYLE[cls];
  switch (st.shape) {
    case 'circle':
      return (
        <circle r={st.r} fill={st.fill} stroke={st.stroke} strokeWidth={st.hollow ? 2 : 1.2} />
      );
    case 'diamond':
      return <path d={diamond(st.r)} fill={st.fill} stroke={st.stroke} strokeWidth={1.6} />;
    case 'square':
      return (
        <rect
          x={-st.r}
          y={-st.r}
          width={st.r * 2}
          height={st.r * 2}
          rx={1.5}
          fill={st.fill}
          stroke={st.stroke}
          strokeWidth={st.hollow ? 2 : 1}
        />
      );
  }
}
