import { parseJobQuery } from '@lookout/bff/query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { applySuggestion, suggest, type Suggestions, type Vocabulary } from './querySuggest.model';

/**
 * The qualifier search box: autocomplete for qualifiers and values, syntax errors shown inline at their
 * position (parsed with the same module the server uses), committed on Enter or after a pause when valid.
 */
export function QuerySearchBox({
  value,
  vocabulary,
  serverError,
  onCommit,
}: {
  value: string;
  vocabulary: Vocabulary;
  serverError: { message: string; position: number | undefined } | undefined;
  onCommit: (q: string) => void;
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const [cursor, setCursor] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  /** The user moved through the suggestions with the arrows: Enter then picks instead of searching. */
  const [browsing, setBrowsing] = useState(false);

  // The URL is the source of truth: follow it when it changes elsewhere (back button, links).
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }

  const parsed = useMemo(() => parseJobQuery(text), [text]);
  const localError = parsed.ok ? undefined : parsed.error;
  const suggestions: Suggestions = useMemo(
    () => (open ? suggest(text, cursor, vocabulary) : { start: 0, end: 0, items: [] }),
    [open, text, cursor, vocabulary],
  );

  useEffect(() => {
    if (text === value || !parsed.ok) return;
    const t = setTimeout(() => onCommit(text.trim()), 400);
    return () => clearTimeout(t);
  }, [text, value, parsed.ok, onCommit]);

  const pick = (index: number) => {
    const item = suggestions.items[index];
    if (!item) return;
    const next = applySuggestion(text, suggestions, item);
    setText(next.value);
    setCursor(next.cursor);
    setActive(0);
    requestAnimationFrame(() => {
      inputRef.current?.setSelectionRange(next.cursor, next.cursor);
      inputRef.current?.focus();
    });
  };

  const error =
    localError ??
    (serverError && text === value
      ? { message: serverError.message, position: serverError.position ?? 0, length: 1 }
      : undefined);
  const showList = open && suggestions.items.length > 0;

  return (
    <div className="qsearch">
      <label htmlFor={id} className="field">
        <span>
          Search <kbd aria-hidden="true">/</kbd>
        </span>
      </label>
      <input
        ref={inputRef}
        id={id}
        data-search
        data-testid="job-search"
        type="search"
        spellCheck={false}
        autoComplete="off"
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder="type:email.send queue:critical state:retryable args.user_id:42 error:timeout"
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onChange={(e) => {
          setText(e.target.value);
          setCursor(e.target.selectionStart ?? e.target.value.length);
          setOpen(true);
          setActive(0);
          setBrowsing(false);
        }}
        onSelect={(e) => setCursor(e.currentTarget.selectionStart ?? text.length)}
        onKeyDown={(e) => {
          if (showList && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            const n = suggestions.items.length;
            setActive((a) => (browsing ? (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n) : 0));
            setBrowsing(true);
          } else if (showList && e.key === 'Tab' && !e.shiftKey) {
            e.preventDefault();
            pick(active);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            if (showList && browsing) {
              pick(active);
              setBrowsing(false);
            } else if (parsed.ok) {
              setOpen(false);
              onCommit(text.trim());
            }
          } else if (e.key === 'Escape') {
            if (showList) {
              e.preventDefault();
              setOpen(false);
            } else {
              inputRef.current?.blur();
            }
          }
        }}
      />
      {showList ? (
        <ul className="suggest" id={`${id}-list`} role="listbox" aria-label="Suggestions">
          {suggestions.items.map((s, i) => (
            <li
              key={s.insert}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(i);
              }}
            >
              <span>{s.label}</span>
              <span className="faint">{s.hint}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="qerror" id={`${id}-error`} role="status" data-testid="search-error">
          <div>{text || ' '}</div>
          <div>
            {' '.repeat(Math.min(error.position, text.length))}
            {'^'.repeat(Math.max(1, Math.min(error.length, 40)))} {error.message}
          </div>
        </div>
      ) : null}
    </div>
  );
}
