/**
 * One 'abort' listener per AbortSignal, however many waits hang on it. An apply of 1,000
 * desktops has 1,000 calls and waits pending on the run's signal; adding a listener each would
 * trip Node's MaxListenersExceededWarning at 11 and cost O(n) per removal.
 */
const listenersBySignal = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `listener` once when `signal` aborts; the returned function unsubscribes (idempotent). */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = listenersBySignal.get(signal);
  if (!listeners) {
    const created = new Set<() => void>();
    listeners = created;
    listenersBySignal.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        listenersBySignal.delete(signal);
        for (const each of [...created]) each();
      },
      { once: true },
    );
  }
  const own = listeners;
  const once = () => {
    own.delete(once);
    listener();
  };
  own.add(once);
  return () => {
    own.delete(once);
  };
}

/** Like `setTimeout` with a signal, but through `onAbort` (rejects with the signal's reason). */
export function sleepAbortable(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => {
        unsubscribe?.();
        resolve();
      },
      Math.max(0, ms),
    );
    const unsubscribe = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : undefined;
  });
}
