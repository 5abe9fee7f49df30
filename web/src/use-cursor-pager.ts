import { useCallback, useState } from 'react';

/**
 * Cursor-based paging: the API only knows "next", so the cursors of the pages already seen are kept on a
 * stack and "previous" pops one.
 */
export function useCursorPager() {
  const [stack, setStack] = useState<string[]>([]);
  const next = useCallback((cursor: string) => setStack((current) => [...current, cursor]), []);
  const previous = useCallback(() => setStack((current) => current.slice(0, -1)), []);
  const reset = useCallback(() => setStack([]), []);
  return {
    cursor: stack.at(-1),
    page: stack.length + 1,
    hasPrevious: stack.length > 0,
    next,
    previous,
    reset,
  };
}
