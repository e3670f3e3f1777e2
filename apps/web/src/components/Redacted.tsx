import { useId } from 'react';
import { REDACTED, REDACTED_TITLE, splitRedacted } from './redaction.model';

/** A value the BFF hid for the viewer role: muted, set apart, and saying why. */
export function Redacted({ text = REDACTED }: { text?: string }) {
  const id = useId();
  return (
    <span className="redacted" title={REDACTED_TITLE} aria-describedby={id} data-testid="redacted">
      {text}
      <span id={id} className="sr-only">
        ({REDACTED_TITLE})
      </span>
    </span>
  );
}

/** A one-line preview (args, error summary) with any redacted values styled apart. */
export function RedactedText({ text }: { text: string }) {
  const segments = splitRedacted(text);
  if (segments.length === 1 && !segments[0]?.redacted) return <>{text}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.redacted ? <Redacted key={i} text={s.text} /> : <span key={i}>{s.text}</span>,
      )}
    </>
  );
}
