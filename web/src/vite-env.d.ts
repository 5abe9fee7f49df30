/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the HTTP API on AWS; unset locally, where the API shares the page's origin. */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
