import { useEffect, useState } from 'react';
import type { LayoutInput, Positions } from './graphLayout.model';

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: (p: Positions) => void; reject: (e: Error) => void }>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'graph-layout',
    });
    worker.onmessage = (event: MessageEvent<{ id: number; positions?: Positions; error?: string }>) => {
      const entry = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (!entry) return;
      if (event.data.positions) entry.resolve(event.data.positions);
      else entry.reject(new Error(event.data.error ?? 'layout failed'));
    };
  }
  return worker;
}

function layoutOffThread(input: LayoutInput): Promise<Positions> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    layoutWorker().postMessage({ id, input });
  });
}

/** Positions for a graph, computed in a Web Worker; recomputed only when `key` (the structure) changes. */
export function useGraphLayout(
  key: string,
  input: LayoutInput,
): { positions: Positions | undefined; error: string | undefined } {
  const [result, setResult] = useState<{ key: string; positions?: Positions; error?: string }>({ key: '' });
  useEffect(() => {
    let live = true;
    layoutOffThread(input).then(
      (positions) => live && setResult({ key, positions }),
      (error: unknown) =>
        live && setResult({ key, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
    // The input is derived from the key; re-running on a new object with the same structure would waste a layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return result.key === key
    ? { positions: result.positions, error: result.error }
    : { positions: undefined, error: undefined };
}
