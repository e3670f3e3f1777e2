import { layoutGraph, type LayoutInput } from './graphLayout.model';

/** Lays out workflow graphs off the main thread. */
self.onmessage = (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    self.postMessage({ id, positions: layoutGraph(input) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
