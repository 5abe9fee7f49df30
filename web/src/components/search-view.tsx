import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { searchQuery } from '../queries/search';
import { navigate } from '../router';
import { Empty, ErrorMessage, Loading } from './query-state';

/** Looks a term up and opens what it names; when nothing matches, says everything it tried. */
export function SearchView({
  term,
  partnerId,
  partnerIds,
}: {
  term: string;
  partnerId: string | undefined;
  partnerIds: readonly string[];
}) {
  const result = useQuery(searchQuery(term, partnerId, partnerIds));
  const target = result.data?.found ? result.data.target : undefined;
  // The search page is a step, not a place: a hit replaces it, so "back" returns to where the search began.
  useEffect(() => {
    if (target !== undefined) navigate(target, { replace: true });
  }, [target]);

  if (term.trim() === '')
    return <Empty>Type an order id, a submission id, an order number or an execution ARN.</Empty>;
  if (result.isPending || target !== undefined) return <Loading label={`Looking for “${term}”…`} />;
  if (result.isError)
    return <ErrorMessage error={result.error} title="The search failed" onRetry={() => result.refetch()} />;
  const tried = result.data.found ? [] : result.data.tried;
  return (
    <section aria-labelledby="search-title" data-testid="search-miss">
      <div className="view-header">
        <h2 id="search-title">Nothing found for “{term}”</h2>
      </div>
      <p>It tried:</p>
      <ul className="search-tried">
        {tried.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
    </section>
  );
}
