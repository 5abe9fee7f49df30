import type { Partner } from '../types';

export function PartnerSwitcher({
  partners,
  value,
  onChange,
}: {
  partners: Partner[] | undefined;
  value: string | undefined;
  onChange: (partnerId: string) => void;
}) {
  return (
    <select
      className="partner-switcher"
      aria-label="Partner"
      value={value ?? ''}
      disabled={!partners || partners.length === 0}
      onChange={(event) => onChange(event.target.value)}
    >
      {!partners && <option value="">Loading partners…</option>}
      {partners?.length === 0 && <option value="">No partners</option>}
      {value !== undefined && partners && !partners.some((partner) => partner.id === value) && (
        <option value={value}>{value} (unknown)</option>
      )}
      {partners?.map((partner) => (
        <option key={partner.id} value={partner.id}>
          {partner.name}
        </option>
      ))}
    </select>
  );
}
