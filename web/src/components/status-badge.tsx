const tones: Record<string, string> = {
  accepted: 'success',
  succeeded: 'success',
  duplicate: 'info',
  pending: 'pending',
  running: 'pending',
  caught: 'warning',
  conflict: 'warning',
  validation: 'danger',
  processing: 'danger',
  rejected: 'danger',
  failed: 'danger',
  aborted: 'neutral',
  stopped: 'neutral',
  timed_out: 'danger',
};

/** A small coloured label; the tone follows the status word (accepted, FAILED, pending…). */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const tone = tones[status.toLowerCase()] ?? 'neutral';
  return <span className={`badge badge-${tone}`}>{label ?? status.toLowerCase().replace('_', ' ')}</span>;
}
