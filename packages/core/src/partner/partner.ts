import * as v from 'valibot';

/** The payload formats the platform understands; each one has its own order schema. */
export const partnerFormats = ['partner-a', 'partner-b'] as const;

export const PartnerFormat = v.picklist(partnerFormats);
export type PartnerFormat = v.InferOutput<typeof PartnerFormat>;

export const Partner = v.object({
  id: v.pipe(v.string(), v.nonEmpty()),
  name: v.pipe(v.string(), v.nonEmpty()),
  format: PartnerFormat,
});
export type Partner = v.InferOutput<typeof Partner>;
