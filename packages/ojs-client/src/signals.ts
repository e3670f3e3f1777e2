/** Reason attached to the internal abort when a call's timeout elapses. */
export class TimeoutReason extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

export interface LinkedSignal {
  signal: AbortSignal;
  /** Abort with the given reason (e.g. when a consumer stops iterating). */
  abort(reason?: unknown): void;
  /**
   * Restart the timeout from now, optionally with a new duration (used to turn a connect timeout into
   * an idle timeout). 0 or Infinity clears it.
   */
  refresh(timeoutMs?: number): void;
  /** Detach listeners and clear the timer. Always call when the operation ends. */
  dispose(): void;
  /** True when the abort came from the timeout rather than the parent signal. */
  readonly timedOut: boolean;
}

/**
 * An AbortSignal that fires when the parent signal aborts or `timeoutMs` elapses (0 or Infinity: no
 * timeout). Works the same in Node and browsers and leaves nothing attached after `dispose()`.
 */
export function linkSignal(parent: AbortSignal | undefined, initialTimeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let timeoutMs = initialTimeoutMs;
  const onParentAbort = (): void => {
    controller.abort(parent?.reason);
  };
  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    if (timeoutMs === undefined || timeoutMs <= 0 || !Number.isFinite(timeoutMs)) return;
    const ms = timeoutMs;
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new TimeoutReason(ms));
    }, ms);
  };
  if (parent?.aborted) {
    controller.abort(parent.reason);
  } else {
    parent?.addEventListener('abort', onParentAbort, { once: true });
    arm();
  }
  return {
    signal: controller.signal,
    abort: (reason?: unknown) => controller.abort(reason),
    refresh: (nextTimeoutMs?: number) => {
      if (nextTimeoutMs !== undefined) timeoutMs = nextTimeoutMs;
      if (!controller.signal.aborted) arm();
    },
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      parent?.removeEventListener('abort', onParentAbort);
    },
    get timedOut() {
      return timedOut;
    },
  };
}

/** Resolves after `ms`, or early (with false) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
