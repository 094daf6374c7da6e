import type { ReconcileOptions, ReconcileReport } from './reconcile.js';

/** Options of `startReconciler()`. */
export interface StartReconcilerOptions extends ReconcileOptions {
  /** How long between the end of one pass and the start of the next, in milliseconds; default 60,000. */
  readonly everyMs?: number;
  /** Called with each pass's report (log `unsupported` and `failed`: they need a person or a retry). */
  readonly onReport?: (report: ReconcileReport) => void;
  /** Called when a pass fails as a whole (the database is unreachable); the next pass runs as planned. */
  readonly onError?: (error: unknown) => void;
}

/** A running reconciler. */
export interface RunningReconciler {
  /** Stops the timer and resolves once the pass in progress, if any, has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `reconcile` now and then every `everyMs` after each pass ends (passes never overlap). The
 * timer does not keep the process alive (`unref`). Safe on every instance at once.
 */
export function runReconciler(reconcile: (options: ReconcileOptions) => Promise<ReconcileReport>, options: StartReconcilerOptions = {}): RunningReconciler {
  const everyMs = options.everyMs ?? 60_000;
  if (!Number.isSafeInteger(everyMs) || everyMs < 1) throw new RangeError('startReconciler needs everyMs to be a whole number of milliseconds >= 1.');
  const { onReport, onError, everyMs: _, ...reconcileOptions } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  const tell = <T>(listener: ((value: T) => void) | undefined, value: T) => {
    try {
      listener?.(value);
    } catch {
      // A listener's failure must not stop the reconciler.
    }
  };
  const pass = () => {
    running = reconcile(reconcileOptions)
      .then((report) => tell(onReport, report), (error: unknown) => tell(onError, error))
      .finally(() => {
        running = undefined;
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(pass, everyMs);
    timer.unref();
  };
  pass();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
