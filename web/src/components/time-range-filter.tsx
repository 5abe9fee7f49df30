import { type FormEvent, useId, useState } from 'react';

export interface TimeRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** `datetime-local` values are local wall-clock times; the API wants ISO instants. */
function toInstant(local: string): string | undefined {
  if (local === '') return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const offsetMs = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offsetMs).toISOString().slice(0, 16);
}

export function TimeRangeFilter({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: TimeRange;
  onChange: (range: TimeRange) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState(toLocalInput(value.from));
  const [to, setTo] = useState(toLocalInput(value.to));
  const [problem, setProblem] = useState<string>();

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const range = { from: toInstant(from), to: toInstant(to) };
    if (range.from && range.to && range.from > range.to) {
      setProblem('“From” must be before “To”.');
      return;
    }
    setProblem(undefined);
    onChange(range);
  };
  const clear = () => {
    setFrom('');
    setTo('');
    setProblem(undefined);
    onChange({});
  };

  return (
    <form className="filter" onSubmit={apply} aria-label={legend}>
      <span className="filter-legend">{legend}</span>
      <label htmlFor={`${id}-from`}>From</label>
      <input id={`${id}-from`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      <label htmlFor={`${id}-to`}>To</label>
      <input id={`${id}-to`} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      <button type="submit">Apply</button>
      {(value.from || value.to || from || to) && (
        <button type="button" className="button-secondary" onClick={clear}>
          Clear
        </button>
      )}
      {problem && (
        <span className="filter-problem" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
