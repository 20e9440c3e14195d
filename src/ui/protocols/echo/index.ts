/** The echo test protocol in the lab: one role, no decorations, no panels. */
import { MUTED } from '../../theme';
import { BARE_VIEW } from '../bare';
import type { ProtocolViewModule } from '../types';

export const echoView: ProtocolViewModule = {
  ...BARE_VIEW,
  palette: { roles: { node: { color: MUTED } }, messages: {}, kindClass: {} },
};
