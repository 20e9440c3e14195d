/** Global keyboard shortcuts (listed in the `?` sheet). */
import { useEffect } from 'react';
import { useSim } from './store/sim';
import { useUi } from './store/ui';

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return type !== 'checkbox' && type !== 'button';
  }
  return target.isContentEditable;
}

function selectedOrLeader(): string | null {
  const sel = useUi.getState().selection;
  if (sel?.kind === 'node') return sel.id;
  return useSim.getState().snap?.leader ?? null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      // A widget (the timeline slider, a list, the tabs) already handled this key.
      if (e.defaultPrevented) return;
      const sim = useSim.getState();
      const ui = useUi.getState();
      if (e.key === 'Escape') {
        if (ui.helpOpen) ui.setHelp(false);
        else ui.select(null);
        return;
      }
      if (typingIn(e.target)) return;
      // A range slider keeps its own arrow keys.
      if (
        e.target instanceof HTMLInputElement &&
        e.target.type === 'range' &&
        e.key.startsWith('Arrow')
      )
        return;
      switch (e.key) {
        case ' ':
          e.preventDefault();
          sim.togglePlay();
          return;
        case 'ArrowRight':
          e.preventDefault();
          sim.step(1);
          return;
        case 'ArrowLeft':
          e.preventDefault();
          sim.stepBack();
          return;
        case '?':
          ui.setHelp(!ui.helpOpen);
          return;
        case '[':
          sim.setSpeed(Math.max(1e-3, sim.speed / 2));
          return;
        case ']':
          sim.setSpeed(Math.min(1, sim.speed * 2));
          return;
        case 'h':
        case 'H':
          sim.act({ type: 'heal' });
          return;
        case 'n':
        case 'N':
          sim.reset(undefined, sim.run?.nodes.length);
          return;
        case 'c':
        case 'C': {
          const id = selectedOrLeader();
          if (id) sim.act({ type: 'crash', node: id });
          return;
        }
        case 'r':
        case 'R': {
          const sel = ui.selection;
          if (sel?.kind === 'node') sim.act({ type: 'restart', node: sel.id });
          return;
        }
        case 't':
        case 'T': {
          const sel = ui.selection;
          if (sel?.kind === 'node') sim.act({ type: 'timeout', node: sel.id });
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
