import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { loadApiKey, saveApiKey } from '../api-key';
import { submitOrdersMutation } from '../queries/submissions';
import { describeFormat, sampleOrderText } from '../samples';
import type { Partner } from '../types';
import { ErrorMessage } from './query-state';
import { SubmissionStatus } from './submission-status';

/** Sends a sample or edited order as the partner would, then follows each submission to its outcome. */
export function SubmitForm({ partner }: { partner: Pick<Partner, 'id' | 'name' | 'format'> }) {
  const id = useId();
  const [body, setBody] = useState(() => sampleOrderText(partner.format));
  const [apiKey, setApiKey] = useState(() => loadApiKey(partner.id));
  const submit = useMutation(submitOrdersMutation());
  const jsonProblem = checkJson(body);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate({ partnerId: partner.id, apiKey, body });
  };

  return (
    <section aria-labelledby="submit-title">
      <div className="view-header">
        <h2 id="submit-title">Submit an order</h2>
        <p className="muted">
          As <strong>{partner.name}</strong> (<code>{describeFormat(partner.format)}</code>). One order object
          or an array of up to 100.
        </p>
      </div>
      <div className="submit-layout">
        <form className="card submit-form" onSubmit={onSubmit}>
          <div className="field">
            <div className="field-label-row">
              <label htmlFor={`${id}-body`}>Order JSON</label>
              <button
                type="button"
                className="button-secondary"
                onClick={() => setBody(sampleOrderText(partner.format))}
              >
                New sample
              </button>
            </div>
            <textarea
              id={`${id}-body`}
              className="mono"
              rows={14}
              spellCheck={false}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
            {jsonProblem && <span className="hint hint-warning">{jsonProblem} The API will answer 400.</span>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-key`}>API key</label>
            <input
              id={`${id}-key`}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={apiKey}
              onChange={(event) => {
                setApiKey(event.target.value);
                saveApiKey(partner.id, event.target.value);
              }}
            />
            <span className="hint">{partner.name}'s key. Kept in this tab's session storage only.</span>
          </div>
          <div className="actions">
            <button type="submit" disabled={submit.isPending}>
              {submit.isPending ? 'Submitting…' : 'Submit order'}
            </button>
          </div>
        </form>
        <div className="submit-result" aria-live="polite">
          {submit.isError && <ErrorMessage error={submit.error} title="The API refused the submission" />}
          {submit.isSuccess && (
            <div className="card">
              <h3>
                Accepted for processing <span className="muted">(202)</span>
              </h3>
              <ul className="submissions">
                {submit.data.accepted.map((entry) => (
                  <SubmissionStatus
                    key={entry.submissionId}
                    partnerId={submit.variables.partnerId}
                    submissionId={entry.submissionId}
                    externalOrderId={entry.externalOrderId}
                  />
                ))}
              </ul>
            </div>
          )}
          {submit.isIdle && (
            <p className="muted">The submission and its status appear here after you submit.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function checkJson(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}.`;
  }
}
