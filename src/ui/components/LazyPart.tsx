import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { isLoadFailure } from './load-failure';

/**
 * A part of the page whose code loads when it is first shown (ADR 0024). The load can fail — the
 * network is gone and no service worker has cached the lab, or the tab is older than a new
 * deployment — and then the part says so and offers to try again, while the rest of the lab stays.
 * Any other error goes on to the page's own boundary.
 */
export function lazyPart(
  load: () => Promise<ComponentType>,
  what: string,
  fallback: ReactNode,
  /** More ways out beside trying again (a lesson can be ended). */
  alternative?: ReactNode,
): ComponentType {
  // One lazy component for every mount, so a part shown again (a lesson's reveal remounts the
  // sweep) renders at once instead of its loading placeholder; a new one after a failed load,
  // since React keeps a failed lazy component's error.
  let attempt = 0;
  let failed = false;
  const make = () =>
    lazy(() =>
      load().then(
        (c) => ({ default: c }),
        (e: unknown) => {
          failed = true;
          throw e;
        },
      ),
    );
  let Part = make();
  return function LazyPart() {
    // A part shown again after its load failed (a lesson ended, then started) tries again.
    const [, setShown] = useState(() => {
      if (failed) {
        failed = false;
        Part = make();
      }
      return attempt;
    });
    const retry = () => {
      if (failed) {
        failed = false;
        Part = make();
      }
      attempt++;
      setShown(attempt);
    };
    return (
      <LoadFailure key={attempt} what={what} retry={retry} alternative={alternative}>
        <Suspense fallback={fallback}>
          <Part />
        </Suspense>
      </LoadFailure>
    );
  };
}

interface Props {
  readonly what: string;
  readonly retry: () => void;
  readonly alternative: ReactNode;
  readonly children: ReactNode;
}

class LoadFailure extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    // Not a failed load: the page's boundary shows it.
    if (!isLoadFailure(error)) throw error;
    return (
      <section className="load-failure" role="alert">
        <p>
          Could not load {this.props.what} (the network may be down). The rest of the lab works.
        </p>
        <button type="button" onClick={this.props.retry}>
          Try again
        </button>{' '}
        {/* A tab older than a new deployment asks for files that are gone: only a reload helps
            (the link keeps the scenario). */}
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>{' '}
        {this.props.alternative}
      </section>
    );
  }
}
