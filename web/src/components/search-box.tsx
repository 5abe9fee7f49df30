import { type FormEvent, useState } from 'react';
import { href, navigate } from '../router';

/** The header's search: a partner's order id, a submission id, an order number or an execution ARN. */
export function SearchBox({ partnerId, initial = '' }: { partnerId: string | undefined; initial?: string }) {
  const [term, setTerm] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = term.trim();
    if (text !== '') navigate(href('/search', partnerId, { q: text }));
  };
  return (
    <search>
      <form className="search-box" onSubmit={submit}>
        <input
          type="search"
          aria-label="Find an order"
          placeholder="Order id, submission, #, ARN"
          title="A partner’s order id, a submission id, an order number or an execution ARN"
          value={term}
          onChange={(event) => setTerm(event.target.value)}
        />
        <button type="submit" className="button-secondary">
          Find
        </button>
      </form>
    </search>
  );
}
