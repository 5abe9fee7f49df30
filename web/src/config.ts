// The only module that reads the build environment.

export interface Config {
  /** Prefix for every API path: '' (same origin) locally, the API Gateway URL on AWS. */
  apiUrl: string;
}

export function readConfig(env: { VITE_API_URL?: string | undefined }): Config {
  const raw = env.VITE_API_URL?.trim() ?? '';
  if (raw === '') return { apiUrl: '' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`VITE_API_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`VITE_API_URL must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return { apiUrl: raw.replace(/\/+$/, '') };
}

export const config: Config = readConfig(import.meta.env);
