import { useMemo, useState } from 'react';
import { Redacted } from './Redacted';
import { buildJsonTree, DEFAULT_LIMITS, UNLIMITED, type JsonNode } from './json.model';

/** Collapsible JSON rendered as text nodes only; large values are cut until "load all" is pressed. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const [full, setFull] = useState(false);
  const { node, truncated } = useMemo(
    () => buildJsonTree(value, full ? UNLIMITED : DEFAULT_LIMITS),
    [value, full],
  );
  if (value === undefined) return <p className="faint">No {label}.</p>;
  return (
    <div>
      <div className="json" role="group" aria-label={label}>
        <JsonNodeView node={node} depth={0} />
      </div>
      {truncated ? (
        <button type="button" className="small" onClick={() => setFull(true)}>
          Load all of {label}
        </button>
      ) : null}
    </div>
  );
}

function JsonNodeView({ node, depth }: { node: JsonNode; depth: number }) {
  switch (node.kind) {
    case 'scalar':
      if (node.type === 'redacted') return <Redacted />;
      return (
        <span className={node.type === 'string' ? 's' : node.type === 'number' ? 'n' : 'l'}>{node.text}</span>
      );
    case 'truncated':
      return <span className="faint">… {node.omitted} more</span>;
    case 'array':
      if (node.items.length === 0) return <span>[]</span>;
      return (
        <details open={depth < 2}>
          <summary>
            [<span className="faint"> {node.total} items </span>
          </summary>
          <div>
            {node.items.map((item, i) => (
              <div key={i}>
                <JsonNodeView node={item} depth={depth + 1} />
                {i < node.items.length - 1 ? ',' : ''}
              </div>
            ))}
          </div>
          ]
        </details>
      );
    case 'object':
      if (node.entries.length === 0) return <span>{'{}'}</span>;
      return (
        <details open={depth < 2}>
          <summary>
            {'{'}
            <span className="faint"> {node.total} keys </span>
          </summary>
          <div>
            {node.entries.map(([key, child], i) => (
              <div key={`${key}-${i}`}>
                <span className="k">{JSON.stringify(key)}</span>:{' '}
                <JsonNodeView node={child} depth={depth + 1} />
                {i < node.entries.length - 1 ? ',' : ''}
              </div>
            ))}
          </div>
          {'}'}
        </details>
      );
  }
}
