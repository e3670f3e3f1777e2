/**
 * Instrumentation injected into every page before the SPA runs (plain JavaScript, evaluated in the
 * browser): largest-contentful-paint and event-timing entries from PerformanceObserver, a
 * requestAnimationFrame frame counter, and the moments the workflow graph's placeholder ("Laying out N
 * nodes…") and its first visible node appear. Read back with {@link READ_PROBE}.
 */
export const PAGE_PROBE = `(() => {
  const probe = {
    lcp: [],
    interactions: {},
    counting: false,
    frames: 0,
    lastFrameAt: 0,
    worstFrameMs: 0,
    placeholderAt: null,
    graphAt: null,
    graphNodes: 0,
  };
  window.__benchProbe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.lcp.push({ t: e.startTime, size: e.size });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.interactionId) continue;
        const prev = probe.interactions[e.interactionId] || 0;
        probe.interactions[e.interactionId] = Math.max(prev, e.duration);
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {}
  const tick = (now) => {
    if (probe.counting) {
      probe.frames++;
      if (probe.lastFrameAt > 0) probe.worstFrameMs = Math.max(probe.worstFrameMs, now - probe.lastFrameAt);
      probe.lastFrameAt = now;
    }
    if (probe.graphAt === null && document.body) {
      if (probe.placeholderAt === null) {
        const empty = document.querySelector('.graph.empty');
        if (empty && /Laying out/.test(empty.textContent || '')) probe.placeholderAt = performance.now();
      }
      const node = document.querySelector('[data-testid="workflow-graph"] .react-flow__node');
      if (node && getComputedStyle(node).visibility !== 'hidden') {
        probe.graphAt = performance.now();
        probe.graphNodes = document.querySelectorAll('[data-testid="workflow-graph"] .react-flow__node').length;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

export interface ProbeReading {
  lcp: { t: number; size: number }[];
  /** Longest event duration per interaction id. */
  interactions: number[];
  frames: number;
  worstFrameMs: number;
  placeholderAt: number | null;
  graphAt: number | null;
  graphNodes: number;
}

/** Evaluated in the page: the probe's state as plain data. */
export const READ_PROBE = `(() => {
  const p = window.__benchProbe;
  return {
    lcp: p.lcp,
    interactions: Object.values(p.interactions),
    frames: p.frames,
    worstFrameMs: p.worstFrameMs,
    placeholderAt: p.placeholderAt,
    graphAt: p.graphAt,
    graphNodes: p.graphNodes,
  };
})()`;

/** Starts (true) or stops (false) counting animation frames. */
export const countFrames = (on: boolean): string =>
  `(() => { const p = window.__benchProbe; p.counting = ${on}; if (${on}) { p.frames = 0; p.lastFrameAt = 0; p.worstFrameMs = 0; } })()`;
