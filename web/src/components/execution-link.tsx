import { executionName } from '../format';
import { executionHref } from '../router';

/** A link to an execution's timeline, labelled with the execution's name. */
export function ExecutionLink({ executionId, partnerId }: { executionId: string; partnerId: string }) {
  return (
    <a className="mono" href={executionHref(executionId, partnerId)}>
      {executionName(executionId)}
    </a>
  );
}
