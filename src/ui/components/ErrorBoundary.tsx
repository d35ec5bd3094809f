import { Component, type ReactNode } from 'react';

interface State {
  readonly error: Error | null;
}

/**
 * Never a blank page: a render error shows what happened and reloads the current link, which
 * holds the whole scenario (URL hash), so the reader's edits survive; the default is one more link.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash-page" role="alert">
        <h1>Something went wrong drawing the lab</h1>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload this scenario
        </button>{' '}
        <a href={window.location.pathname}>Open the default scenario</a>
      </div>
    );
  }
}
