import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { registerOffline } from './offline';
import { startInputModality } from './input-modality';
import { startEditHistory } from './store/edit-history';
import { startUrlSync } from './store/url-sync';
import { loadBaselineFromLink } from './baseline/baseline-store';
import { startWorkerClient } from './store/worker-client';
import './styles.css';

// The URL is read first so the first run is the linked scenario.
startUrlSync();
startWorkerClient();
startEditHistory();
void loadBaselineFromLink();
registerOffline();
startInputModality();

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
