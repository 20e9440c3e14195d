/** The shape of one message class, drawn at the origin: shared by the cluster and the legend. */
import type { MessageStyle } from '../protocols/types';
import { diamond } from '../views/cluster/shapes';

export function MessageGlyph({ style: st }: { style: MessageStyle }) {
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
