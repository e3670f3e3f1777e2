import type { SseSink } from '../events/EventHub';
import type { Redactor } from './createRedactor';

const decoder = new TextDecoder();

/**
 * Redacts the JSON `data:` lines of SSE frames before they reach a viewer's sink. Frames are written
 * whole (each chunk ends at a frame boundary), and every `data:` line holds one JSON document.
 */
export function redactingSink(sink: SseSink, redactor: Redactor): SseSink {
  return {
    write(chunk) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk);
      const out = text
        .split('\n')
        .map((line) => {
          if (!line.startsWith('data:')) return line;
          const payload = line.slice(5).trimStart();
          try {
            const parsed: unknown = JSON.parse(payload);
            const { value, redacted } = redactor.redact(parsed);
            return redacted ? `data: ${JSON.stringify(value)}` : line;
          } catch {
            // Not JSON: pass the line through only if nothing in it looks like a hidden key.
            return redactor.redactJsonText(payload).redacted ? 'data: {}' : line;
          }
        })
        .join('\n');
      return sink.write(out);
    },
    bufferedBytes: () => sink.bufferedBytes(),
    end: () => sink.end(),
  };
}
