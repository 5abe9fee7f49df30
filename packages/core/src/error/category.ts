/** Why a submission was rejected: the order itself, a conflict with a stored one, or the platform. */
export const errorCategories = ['validation', 'conflict', 'processing'] as const;
export type ErrorCategory = (typeof errorCategories)[number];
