import type { ReactNode } from 'react';
import { ApiError } from '../api';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status">
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Says what went wrong in words an operator can act on; the API's own message is shown as text. */
export function ErrorMessage({
  error,
  title = 'Something went wrong',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const { heading, detail } = describe(error, title);
  return (
    <div className="state state-error" role="alert">
      <strong>{heading}</strong>
      <span>{detail}</span>
      {error instanceof ApiError && error.issues.length > 0 && (
        <ul className="issues">
          {error.issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
            <li key={index}>
              <code>{issue.path || '(body)'}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

function describe(error: unknown, title: string): { heading: string; detail: string } {
  if (error instanceof ApiError) {
    if (error.status === 0) return { heading: title, detail: error.message };
    return { heading: `${title} (${error.status} ${error.code})`, detail: error.message };
  }
  if (error instanceof Error) return { heading: title, detail: error.message };
  return { heading: title, detail: String(error) };
}
