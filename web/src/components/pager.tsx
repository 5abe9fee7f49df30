export function Pager({
  page,
  hasPrevious,
  nextCursor,
  busy,
  onPrevious,
  onNext,
}: {
  page: number;
  hasPrevious: boolean;
  nextCursor: string | null | undefined;
  busy: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button-secondary" disabled={!hasPrevious || busy} onClick={onPrevious}>
        ← Previous
      </button>
      <span className="pager-page">Page {page}</span>
      <button
        type="button"
        className="button-secondary"
        disabled={!nextCursor || busy}
        onClick={() => nextCursor && onNext(nextCursor)}
      >
        Next →
      </button>
    </nav>
  );
}
