// What the feed accepts in one request. A module of its own, so that the API description states the limits
// without importing the feed's handler, and with it the feed's AWS clients, into the query function.

export const maxBodyBytes = 1024 * 1024;
export const maxOrdersPerRequest = 100;
// JSON.stringify and the event-pattern matcher recurse once per level and overflow the stack a few thousand
// levels down, which a 1 MB body easily reaches. Orders are flat objects, so a shallow bound costs nothing.
export const maxOrderDepth = 32;
