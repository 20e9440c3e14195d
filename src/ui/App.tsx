/** The lab's page: run controls on top, the cluster and its panels below. */
import { lazy, Suspense, useEffect } from 'react';
import { useSim } from './store/sim';
import { useUi } from './store/ui';
import { useReadableSim } from './store/readable';
import { useShortcuts } from './shortcuts';
import { ClusterView } from './views/cluster/ClusterView';
import { MembershipBar } from './views/cluster/MembershipControls';
import { useProtocol } from './protocols/useProtocol';
import { leaderText } from './views/cluster/labels';
import { Transport } from './panels/Transport';
import { LoadErrorBanner, RunControls } from './panels/RunControls';
import { Inspector } from './panels/Inspector';
import { ClientPanel } from './panels/ClientPanel';
import { InvariantStatus } from './panels/InvariantStatus';
import { RecentEvents } from './panels/RecentEvents';
import { Presets } from './panels/Presets';
import { ScenarioAbout } from './panels/ScenarioAbout';
import { Legend } from './components/Legend';
import { HelpDialog } from './components/HelpDialog';
import { ConfirmDialog } from './components/ConfirmDialog';
import { Announcer } from './panels/Announcer';
import { HistoryPanels, LinkErrorBanner, TimelineSection } from './timeline/TimelineSection';

// The CAP view is drawn only for a scenario with `compare`: it loads when one is opened.
const CapStage = lazy(() => import('./views/cap/CapStage').then((m) => ({ default: m.CapStage })));
const AnomalyPanel = lazy(() =>
  import('./views/cap/AnomalyPanel').then((m) => ({ default: m.AnomalyPanel })),
);
const StoreControls = lazy(() =>
  import('./views/cap/StoreControls').then((m) => ({ default: m.StoreControls })),
);
// The explorer's panel (issue 13) and its workers: loaded when the page first renders it.
const ExplorePanel = lazy(() =>
  import('./views/explore/ExplorePanel').then((m) => ({ default: m.ExplorePanel })),
);

function StatusLine() {
  const leader = useSim((s) => s.panel?.leader ?? null);
  const epoch = useSim((s) => s.panel?.leaderEpoch ?? null);
  const inFlight = useReadableSim((s) => s.panel?.messages.length ?? 0);
  const run = useSim((s) => s.run);
  const protocol = useProtocol();
  const extra = run ? protocol.statusText(run) : null;
  const epochName = run?.epochName ?? '';
  return (
    // Not a live region: it changes many times a second while playing (the announcer says
    // what a step did).
    <div className="status-line">
      {/* Only protocols whose clients follow a leader have one to show. */}
      {run?.routing === 'redirect' && (
        <span
          className={`leader-badge${leader ? '' : ' none'}`}
          aria-label={leader ? leaderText(leader, epochName, epoch) : 'no leader'}
        >
          {leader ? (
            <>
              leader <b>{leader}</b>
              {epoch === null ? '' : ` · ${epochName} ${epoch}`}
            </>
          ) : (
            'no leader'
          )}
        </span>
      )}
      {run && run.mutations.length > 0 && (
        <span
          className="mutated-badge"
          title={run.mutations.map((m) => `${m.name}: ${m.description}`).join('\n')}
        >
          mutated: {run.mutations.map((m) => m.name).join(', ')}
        </span>
      )}
      <span className="muted in-flight-count">{inFlight} messages in flight</span>
      {run && (
        <span className="muted">
          latency {run.latency.min}–{run.latency.max} ms{extra ? ` · ${extra}` : ''}
        </span>
      )}
    </div>
  );
}

/** The protocol's own switches (its optional rules), if it has any. */
function ProtocolSettings() {
  const { Settings } = useProtocol();
  const run = useSim((s) => s.run);
  return Settings && run ? <Settings run={run} /> : null;
}

/** The protocol's own panels (a log matrix, a slot grid), given its view of every node. */
function ProtocolPanels() {
  const { panels } = useProtocol();
  const view = useReadableSim((s) => s.panel?.view);
  const nodes = useReadableSim((s) => s.panel?.nodes);
  const run = useSim((s) => s.run);
  if (view === undefined || view === null || !nodes || !run) return null;
  return (
    <>
      {panels.map((Panel, i) => (
        <Panel key={i} view={view} nodes={nodes} run={run} />
      ))}
    </>
  );
}

export function App() {
  useShortcuts();
  const run = useSim((s) => s.run);
  // A scenario with `compare`: the CAP view draws both runs side by side.
  const compare = run?.compare !== undefined;
  const setHelp = useUi((s) => s.setHelp);
  useEffect(() => {
    if (run) document.title = `${run.name} · Quorum Lab`;
  }, [run]);
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          <img src="favicon.svg" width={26} height={26} alt="" />
          <span>
            Quorum <b>Lab</b>
          </span>
        </h1>
        <RunControls />
        <div className="spacer" />
        <button
          type="button"
          className="btn ghost"
          onClick={() => setHelp(true)}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </header>
      <LoadErrorBanner />
      <LinkErrorBanner />
      <main className="layout">
        <div className="stage">
          <div className="stage-bar">
            <Transport />
          </div>
          <div className={`panel cluster-panel${compare ? ' cap-panel' : ''}`}>
            <div className="cluster-top">
              <StatusLine />
              <Presets />
            </div>
            {/* The protocol's switches, and its membership controls at the row's end. */}
            <div className="cluster-settings">
              <ProtocolSettings />
              <MembershipBar />
            </div>
            {compare ? (
              <Suspense fallback={<p className="muted">Loading…</p>}>
                <StoreControls />
                <CapStage />
              </Suspense>
            ) : (
              <div className="cluster-body">
                <div className="cluster-canvas">
                  <ClusterView />
                </div>
                <Legend />
              </div>
            )}
          </div>
          <div className="timeline-slot">
            <TimelineSection />
          </div>
          {compare && (
            <Suspense fallback={null}>
              <AnomalyPanel />
            </Suspense>
          )}
          <ProtocolPanels />
          <Suspense fallback={null}>
            <ExplorePanel />
          </Suspense>
          <HistoryPanels />
        </div>
        <aside className="side">
          <InvariantStatus />
          <Inspector />
          {/* Key-value requests by hand: not for a protocol without clients, nor for the load
              balancer, whose load generator is the client. */}
          {run?.routing !== 'none' && run?.routing !== 'balancer' && <ClientPanel />}
          <RecentEvents />
          <ScenarioAbout />
        </aside>
      </main>
      <HelpDialog />
      <ConfirmDialog />
      <Announcer />
    </div>
  );
}
