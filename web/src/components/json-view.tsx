import { prettyJson } from '../format';

/** Collapsible, pretty-printed JSON; always rendered as text. */
export function JsonView({ label, value, open = false }: { label: string; value: unknown; open?: boolean }) {
  if (value === undefined) return null;
  return (
    <details className="json" open={open}>
      <summary>{label}</summary>
      <pre>{prettyJson(value)}</pre>
    </details>
  );
}
