/**
 * Each partner's request budget, counted per API key: on AWS by a WAF rate-based rule keyed on `x-api-key`
 * at the CloudFront entry, locally by the server, which answers 429 with Retry-After past it.
 * WAF's evaluation window is one of 60, 120, 300 or 600 seconds and its lowest limit is 10:
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html
 * 30,000 a minute (500 requests/s, up to 100 orders each) sits well above a partner's expected rate.
 */
export const partnerRateLimit = { limit: 30_000, evaluationWindowSeconds: 60 } as const;
