/** Share links and exports: the current run as a link, opening one, exporting the scenario. */
import { send } from '../channel';
import type { Slice } from './types';

export interface ShareSlice {
  /** Why a share link could not be opened. */
  linkError: string | null;
  /** The link that failed was opened in a running lab, whose run stayed (else a fresh one). */
  linkErrorKeptRun: boolean;
  /** The current run and moment as a share link text (`v1.…`), '' before the first. */
  link: string;
  /** The run the link belongs to. */
  linkRunId: number;
  dismissLinkError(): void;
  openLink(text: string): void;
  exportScenario(): void;
}

export const shareSlice: Slice<ShareSlice> = (set) => ({
  linkError: null,
  linkErrorKeptRun: false,
  link: '',
  linkRunId: -1,
  dismissLinkError: () => set({ linkError: null }),
  openLink: (text) => send({ type: 'openLink', text }),
  exportScenario: () => send({ type: 'export' }),
});
