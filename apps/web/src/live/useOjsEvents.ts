import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { applyOjsEvents } from './applyOjsEvents';
import { createInvalidationThrottle } from './invalidationThrottle.model';
import { liveStatus } from './liveStatus';
import { toOjsEvent, type OjsEvent } from './ojsEvent.mapper';
import { reconnectDelay } from './reconnectDelay.model';
import { SseParser } from './sseParser.model';

/** Lists and counts refetch at most this often from live events. */
const INVALIDATE_INTERVAL_MS = 1000;
/** A silent stream (no event, no heartbeat) is considered dead after this long. */
const SILENCE_TIMEOUT_MS = 45_000;
/** Past this many buffered events (a hidden tab), drop them and refetch everything instead. */
const MAX_BUFFER = 5000;

/**
 * The one live connection of the browser: reads `/api/events` (SSE over fetch, resuming with Last-Event-ID),
 * batches events per animation frame and applies them to the query cache. Mount once, at the root.
 */
export function useOjsEvents(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    const throttle = createInvalidationThrottle(queryClient, INVALIDATE_INTERVAL_MS);
    const ctx = { invalidate: throttle.invalidate, invalidateAll: throttle.invalidateAll };
    let buffer: OjsEvent[] = [];
    let frame: number | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let controller: AbortController | undefined;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    let lastEventId: string | undefined;
    let attempt = 0;
    let everConnected = false;

    const flush = () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      frame = undefined;
      flushTimer = undefined;
      const batch = buffer;
      buffer = [];
      applyOjsEvents(queryClient, batch, ctx);
    };

    const enqueue = (event: OjsEvent) => {
      if (buffer.length >= MAX_BUFFER) {
        buffer = [];
        throttle.invalidateAll();
        return;
      }
      buffer.push(event);
      if (frame === undefined) frame = requestAnimationFrame(flush);
      // Hidden tabs get no animation frames: flush on a timer there.
      flushTimer ??= setTimeout(flush, 500);
    };

    const armSilence = () => {
      if (silenceTimer !== undefined) clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => controller?.abort(), SILENCE_TIMEOUT_MS);
    };

    const scheduleReconnect = () => {
      if (stopped) return;
      liveStatus.update({
        stream: 'down',
        downSince: liveStatus.get().downSince ?? Date.now(),
        reconnectAttempt: attempt,
      });
      reconnectTimer = setTimeout(() => void connect(), reconnectDelay(attempt));
      attempt += 1;
    };

    const connect = async () => {
      controller = new AbortController();
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
      try {
        const response = await fetch('/api/events', {
          headers,
          signal: controller.signal,
          cache: 'no-store',
        });
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        const resumed = lastEventId !== undefined;
        attempt = 0;
        liveStatus.update({
          stream: 'open',
          downSince: undefined,
          lastActivityAt: Date.now(),
          reconnectAttempt: 0,
        });
        // A reconnect without resume may have missed events: refetch what is on screen.
        if (everConnected && !resumed) throttle.invalidateAll();
        everConnected = true;
        armSilence();
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          armSilence();
          liveStatus.update({ lastActivityAt: Date.now() });
          for (const sse of parser.push(value)) {
            if (sse.id !== undefined) lastEventId = sse.id;
            const event = toOjsEvent(sse, () => new Date());
            if (event) enqueue(event);
          }
        }
      } catch {
        // network error, abort or bad status: fall through to reconnect
      } finally {
        if (silenceTimer !== undefined) clearTimeout(silenceTimer);
      }
      if (!stopped) {
        if (buffer.length > 0) flush();
        scheduleReconnect();
      }
    };

    liveStatus.update({ stream: 'connecting' });
    void connect();

    return () => {
      stopped = true;
      controller?.abort();
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      if (silenceTimer !== undefined) clearTimeout(silenceTimer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      if (flushTimer !== undefined) clearTimeout(flushTimer);
      throttle.dispose();
    };
  }, [queryClient]);
}
