import { useNavigate } from '@tanstack/react-router';
import { useId, useMemo, useState } from 'react';
import { Dialog } from '../components/Dialog';
import { visiblePages } from './keyboard.model';
import { filterCommands, type Command } from './palette.model';
import { nextThemePreference } from './theme.model';
import { themeStore } from './themeStore';
import { useSession } from './useSession';

interface PaletteCommand extends Command {
  run: () => void;
}

export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  // A command that navigates must not send focus back into the page it leaves (keys would land there).
  const [restoreFocus, setRestoreFocus] = useState(true);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setRestoreFocus(true);
  }
  return (
    <Dialog open={open} onClose={onClose} labelledBy={id} className="palette" restoreFocus={restoreFocus}>
      {open ? (
        <PaletteBody
          labelId={id}
          onRun={() => {
            setRestoreFocus(false);
            onClose();
          }}
        />
      ) : null}
    </Dialog>
  );
}

function PaletteBody({ labelId, onRun }: { labelId: string; onRun: () => void }) {
  const navigate = useNavigate();
  const { role } = useSession();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  const commands = useMemo<PaletteCommand[]>(() => {
    const go = visiblePages(role).map((p) => ({
      id: `go-${p.id}`,
      label: `Go to ${p.label}`,
      hint: `g ${p.key}`,
      run: () => void navigate({ to: p.path }),
    }));
    const states = ['retryable', 'discarded', 'scheduled', 'active'] as const;
    return [
      ...go,
      ...states.map((state) => ({
        id: `jobs-${state}`,
        label: `Show ${state} jobs`,
        run: () => void navigate({ to: '/jobs', search: { state } }),
      })),
      {
        id: 'theme',
        label: 'Switch theme',
        run: () => themeStore.set(nextThemePreference(themeStore.preference())),
      },
    ];
  }, [navigate, role]);

  const trimmed = query.trim();
  const results: PaletteCommand[] = filterCommands(commands, trimmed);
  if (trimmed) {
    results.push({
      id: 'search',
      label: `Search jobs for “${trimmed}”`,
      hint: 'Enter',
      run: () => void navigate({ to: '/jobs', search: { q: trimmed } }),
    });
  }
  const current = Math.min(active, results.length - 1);
  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onRun();
    command.run();
  };

  return (
    <div>
      <label id={labelId} className="sr-only" htmlFor={`${labelId}-input`}>
        Command palette
      </label>
      <input
        id={`${labelId}-input`}
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={`${labelId}-list`}
        aria-activedescendant={results[current] ? `${labelId}-${results[current].id}` : undefined}
        placeholder="Type a command, a page or a search…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(results.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(results[current]);
          }
        }}
      />
      <ul id={`${labelId}-list`} role="listbox" aria-label="Commands">
        {results.map((c, i) => (
          <li
            key={c.id}
            id={`${labelId}-${c.id}`}
            role="option"
            aria-selected={i === current}
            onMouseEnter={() => setActive(i)}
            onClick={() => run(c)}
          >
            <span>{c.label}</span>
            {c.hint ? <kbd>{c.hint}</kbd> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
