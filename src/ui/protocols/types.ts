/**
 * The seam between the lab's neutral views and a protocol's own view folder. The cluster,
 * the legend, the inspector, the presets and the history views know a protocol only through
 * its ProtocolViewModule: one palette, a few pure functions and a few components. A protocol
 * is one folder under protocols/ plus one line in protocols/registry.ts.
 */
import type { ComponentType } from 'react';
import type { Action } from '../../engine/types';
import type { NodeView, RunInfo } from '../../worker/protocol';

/** How a server of some role is drawn (the lab's three shapes; 'circle' when absent). */
export interface RoleStyle {
  color: string;
  shape?: 'hexagon' | 'diamond' | 'circle';
}

/** How a message class is drawn: a glyph in the cluster and the legend, a line elsewhere. */
export interface MessageStyle {
  shape: 'circle' | 'diamond' | 'square';
  fill: string;
  stroke: string;
  r: number;
  /** Drawn as an outline: its colour is the stroke. */
  hollow?: boolean;
  /** Legend words ("heartbeat"). */
  label: string;
}

/**
 * The one palette of a protocol: every view that colours a role or a message reads it.
 * Key order is legend order. Client traffic, the crashed state and unknown classes come from
 * protocols/common.ts and need not be listed.
 */
export interface Palette {
  roles: Readonly<Record<string, RoleStyle>>;
  messages: Readonly<Record<string, MessageStyle>>;
  /**
   * The class a message kind is drawn with where only its kind is known (the space-time
   * diagram reads kinds from the trace): each kind's most typical class.
   */
  kindClass: Readonly<Record<string, string>>;
}

/** Where a node's decoration goes, relative to the node's centre. */
export interface DecorPlace {
  /** The node's radius. */
  r: number;
  /** Centre of the id label, outside the ring. */
  label: { x: number; y: number };
  /** Baseline of the caption under (or above) the label. */
  captionY: number;
  /** The label sits above the node: captions grow upwards. */
  above: boolean;
}

/**
 * A protocol's decoration of one server (vote pips, a queue bar). `decorate` returns
 * small plain data (or null for none); the glyph redraws only when that data changes, so it
 * must carry everything `Decor` draws.
 */
export interface NodeDecoration<V, D> {
  decorate(node: NodeView, index: number, view: V, ids: readonly string[]): D | null;
  Decor: ComponentType<{ data: D; place: DecorPlace }>;
}

/** What a protocol's inspector section is given for the selected server. */
export interface NodeSectionProps<V, Det> {
  node: NodeView;
  /** The node's index in the snapshot's nodes (and in index-aligned views). */
  index: number;
  /** Every node of the snapshot. */
  nodes: readonly NodeView[];
  view: V;
  /** The protocol's details of this node, once the worker sent them. */
  detail: Det | null;
  run: RunInfo;
}

/** A protocol panel beside the cluster (a log matrix, a slot grid, a hash ring). */
export interface PanelProps<V> {
  view: V;
  nodes: readonly NodeView[];
  run: RunInfo;
}

/** A one-click action of the network presets toolbar. */
export interface Preset {
  label: string;
  title: string;
  /** Null: not possible now (shown disabled). */
  action: Action | null;
}

export interface PresetContext {
  ids: readonly string[];
  /** The node that leads now, or null. */
  leader: string | null;
}

export interface ProtocolViewModule<V = unknown, Det = unknown, D = unknown> {
  palette: Palette;
  /** The timer drawn as the draining arc around a server (an election timer), if any. */
  arcTimer?: string;
  decoration?: NodeDecoration<V, D>;
  /** The protocol's facts of the selected server: `<dt>`/`<dd>` pairs in the inspector's list. */
  NodeFacts?: ComponentType<NodeSectionProps<V, Det>>;
  /** The protocol's sections after the facts (a replication table, a log). */
  NodeSection?: ComponentType<NodeSectionProps<V, Det>>;
  panels: readonly ComponentType<PanelProps<V>>[];
  /**
   * Switches of the protocol's own section shown above the cluster (optional rules); a
   * change re-runs the run with the same seed and user actions.
   */
  Settings?: ComponentType<{ run: RunInfo }>;
  /** The protocol's part of the status line ("election timeout 150–300 ms"), or null. */
  statusText(run: RunInfo): string | null;
  /** Protocol presets before "Heal all" (isolate the leader, split off a minority). */
  presets(ctx: PresetContext): Preset[];
}

/** A view module with its view and detail types erased, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous protocol table
export type AnyViewModule = ProtocolViewModule<any, any, any>;
