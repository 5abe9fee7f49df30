// Smoke test of a deployed stage: submits one real order through the HTTP API and waits until the workflow
// has accepted it, so a deploy passes only when the whole path (API, bus, workflow, table) works.
//
//   SMOKE_BASE_URL=https://<site or API> SMOKE_PARTNER_KEY=<partner-a's key> node scripts/smoke.mjs
//
// SMOKE_PARTNER_ID (default partner-a, whose format the order is in) and SMOKE_TIMEOUT_SECONDS (default 180)
// are optional. The key is read from the environment and never printed.

const baseUrl = (process.env.SMOKE_BASE_URL ?? '').replace(/\/+$/, '');
const key = process.env.SMOKE_PARTNER_KEY ?? '';
const partnerId = process.env.SMOKE_PARTNER_ID || 'partner-a';
const timeoutMs = Number(process.env.SMOKE_TIMEOUT_SECONDS || 180) * 1000;
const pollMs = 2000;

function fail(message) {
  console.error(`smoke test failed: ${message}`);
  process.exit(1);
}

if (!/^https?:\/\//.test(baseUrl)) fail('SMOKE_BASE_URL must be the stage URL (http or https)');
if (key === '') fail('SMOKE_PARTNER_KEY is not set');
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) fail('SMOKE_TIMEOUT_SECONDS must be a positive number');

async function call(method, path, body) {
  let response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    return {
      status: 0,
      body: { error: { message: error instanceof Error ? error.message : String(error) } },
    };
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: { text: text.slice(0, 200) } };
  }
}

// A fresh order id each run, so the order is new, not a duplicate of the last smoke test's.
const orderId = `SMOKE-${new Date().toISOString().replace(/[^0-9]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
const order = {
  orderId,
  skuId: 'SMOKE-SKU',
  customerId: 'SMOKE-CUSTOMER',
  quantity: 1,
  unitPrice: 1.0,
  taxRate: 0.2,
  transactionTimeMs: Date.now(),
};

const submitted = await call('POST', `/v1/partners/${partnerId}/orders`, order);
if (submitted.status !== 202) fail(`POST answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
const submissionId = submitted.body?.accepted?.[0]?.submissionId;
if (typeof submissionId !== 'string')
  fail(`POST answered no submission id: ${JSON.stringify(submitted.body)}`);
console.log(`submitted ${orderId} as ${submissionId}; waiting for it to be accepted…`);

const deadline = Date.now() + timeoutMs;
let last = 'none';
while (Date.now() < deadline) {
  const status = await call('GET', `/v1/partners/${partnerId}/submissions/${submissionId}`);
  last = status.status === 200 ? status.body.status : `HTTP ${status.status}`;
  if (last === 'accepted') {
    console.log(`accepted with sequence number ${status.body.sequenceNumber}`);
    process.exit(0);
  }
  if (last === 'rejected' || last === 'duplicate') {
    fail(`the submission was ${last}: ${JSON.stringify(status.body.issues ?? [])}`);
  }
  await new Promise((resolve) => setTimeout(resolve, pollMs));
}
fail(`not accepted within ${timeoutMs / 1000} s (last status: ${last})`);
