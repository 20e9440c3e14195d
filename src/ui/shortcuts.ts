/** Global keyboard shortcuts (listed in the `?` sheet). */
import { useEffect } from 'react';
import { useSim } from './store/sim';
import { modalOpen, useUi } from './store/ui';
import { guardDiscard } from './store/discard';
import { SPEED_MAX, SPEED_MIN } from './panels/speed';

/** Input types that take no typed text: shortcuts work while they have focus. */
const NOT_TEXT = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'file',
  'color',
]);

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !NOT_TEXT.has(type);
  }
  return target.isContentEditable;
}

/**
 * Space belongs to a focused control (a checkbox toggles, a button presses, a server is
 * selected): only elsewhere does it play and pause.
 */
function ownsSpace(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  // Sliders do nothing with Space: there it still plays (after dragging the speed, say).
  if (target.matches('input[type="range"], [role="slider"]')) return false;
  return (
    target.closest(
      'button, a[href], input, select, textarea, summary, [role="button"], [role="checkbox"], [role="tab"], [role="option"], [role="listbox"], [contenteditable="true"]',
    ) !== null
  );
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
      // A dialog handles its own keys (Escape closes it, Tab stays inside).
      if (modalOpen()) {
        if (e.key === '?' && ui.helpOpen) ui.setHelp(false);
        return;
      }
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
          if (ownsSpace(e.target)) return;
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
          sim.setSpeed(Math.max(SPEED_MIN, sim.speed / 2));
          return;
        case ']':
          sim.setSpeed(Math.min(SPEED_MAX, sim.speed * 2));
          return;
        case 'h':
        case 'H':
          sim.act({ type: 'heal' });
          return;
        case 'n':
        case 'N':
          guardDiscard('New seed', () => sim.reset(undefined, sim.run?.nodes.length));
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
