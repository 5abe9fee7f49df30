// Partner API keys live in sessionStorage only: gone when the tab closes, never sent anywhere but x-api-key.

const storageKey = (partnerId: string) => `orders.apiKey.${partnerId}`;

export function loadApiKey(partnerId: string): string {
  try {
    return window.sessionStorage.getItem(storageKey(partnerId)) ?? '';
  } catch {
    return '';
  }
}

export function saveApiKey(partnerId: string, apiKey: string): void {
  try {
    if (apiKey === '') window.sessionStorage.removeItem(storageKey(partnerId));
    else window.sessionStorage.setItem(storageKey(partnerId), apiKey);
  } catch {
    // Storage can be disabled; the key then lives only in the form.
  }
}
