import { Profiler, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { connectSim } from './ui/store/connect';
import { startClock } from './ui/store/clock';
import { installPerf, recordRender } from './ui/perf';
import './ui/styles.css';

installPerf();
connectSim();
startClock();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Profiler id="app" onRender={(_id, _phase, actualMs) => recordRender(actualMs)}>
      <App />
    </Profiler>
  </StrictMode>,
);
