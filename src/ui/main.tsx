import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { registerOffline } from './offline';
import { startEditHistory } from './store/edit-history';
import { startUrlSync } from './store/url-sync';
import { useView } from './store/view-flags';
import { loadBaselineFromLink } from './baseline/baseline-store';
import { startWorkerClient } from './store/worker-client';
import './styles.css';

// The URL is read first so the first run is the linked scenario.
startUrlSync();
startWorkerClient();
startEditHistory();
// Only a link with a sweep loads the sweep's code now (the panel loads it when it is shown). A
// failed load is said in the sweep's place (SweepSection), so it is not reported twice here.
if (useView.getState().sweep)
  void import('./sweep/sweep-link').then((m) => m.startSweepFromLink()).catch(() => undefined);
void loadBaselineFromLink();
registerOffline();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
