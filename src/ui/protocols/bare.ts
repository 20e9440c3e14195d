/** A view module with nothing of its own: the neutral palette, no decorations, no panels. */
import type { ProtocolViewModule } from './types';

export const BARE_VIEW: ProtocolViewModule = {
  palette: { roles: {}, messages: {}, kindClass: {} },
  panels: [],
  statusText: () => null,
  presets: () => [],
};
