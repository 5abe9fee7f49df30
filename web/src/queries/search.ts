import { queryOptions } from '@tanstack/react-query';
import { search, searchAttempts } from '../search';

/** Where a search term leads, for the selected partner first and then the others. */
export function searchQuery(term: string, partnerId: string | undefined, partnerIds: readonly string[]) {
  return queryOptions({
    queryKey: ['search', term, partnerId, partnerIds],
    queryFn: ({ signal }) => search(searchAttempts(term, partnerId, partnerIds), signal),
    // A search is answered once; a new search is a new term.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}
