/** The zustand slices pattern: each slice builds its part of the one SimState. */
import type { StateCreator } from 'zustand';
import type { SimState } from '../sim';

export type Slice<T> = StateCreator<SimState, [], [], T>;
