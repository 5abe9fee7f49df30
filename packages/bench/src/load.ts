import { Agent, request } from 'node:http';
import { Partner } from '@orders/core';
import { now, type Probe } from './probe';
import { breakOrder, realisticOrder } from './simulate/orders';

export type OrderKind = 'valid' | 'invalid' | 'duplicate';

export interface PlannedOrder {
  partnerId: string;
  payload: Record<string, unknown>;
  kind: OrderKind;
}

/** One order as the client saw it. */
export interface SentOrder {
  partnerId: string;
  kind: OrderKind;
  submissionId: string | undefined;
  status: number;
  sentAt: number;
  respondedAt: number;
  /** When its final status committed, as the probe saw it; undefined if it never settled. */
  settledAt: number | undefined;
}

/** One load run: what was sent and when it ran. */
export interface LoadRun {
  label: string;
  concurrency: number | undefined;
  rate: number | undefined;
  startedAt: number;
  sent: SentOrder[];
}

/**
 * The mixed load: both partners in turn, every tenth order invalid (one realistic mistake) and every tenth
 * an exact resend of a valid order sent a little earlier, as `pnpm simulate` sends them by default.
 */
export class OrderMix {
  private count = 0;
  private readonly valid: PlannedOrder[] = [];

  constructor(private readonly runId: string) {}

  next(): PlannedOrder {
    const n = this.count++;
    const partner = Partner.listPartners()[n % 2] as Partner.Partner;
    const order = realisticOrder(partner.format, this.runId, n);
    if (n % 10 === 3)
      return { partnerId: partner.id, payload: breakOrder(order, partner.format), kind: 'invalid' };
    // A resend of an order some 30 valid orders back: usually settled by now, as a partner's retry would be.
    const earlier = this.valid[Math.max(0, this.valid.length - 30)];
    if (n % 10 === 7 && earlier !== undefined) return { ...earlier, kind: 'duplicate' };
    const planned: PlannedOrder = { partnerId: partner.id, payload: order, kind: 'valid' };
    this.valid.push(planned);
    return planned;
  }
}

/** POSTs orders to the API over keep-alive connections, as a partner's client would. */
export class ApiClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 512 });

  constructor(
    private readonly baseUrl: string,
    private readonly keys: ReadonlyMap<string, string>,
  ) {}

  async send(order: PlannedOrder): Promise<Omit<SentOrder, 'settledAt'>> {
    const body = JSON.stringify(order.payload);
    const sentAt = now();
    const { status, text } = await this.post(`/v1/partners/${order.partnerId}/orders`, order.partnerId, body);
    const respondedAt = now();
    let submissionId: string | undefined;
    if (status === 202) {
      const parsed = JSON.parse(text) as { accepted?: { submissionId?: string }[] };
      submissionId = parsed.accepted?.[0]?.submissionId;
    }
    return { partnerId: order.partnerId, kind: order.kind, submissionId, status, sentAt, respondedAt };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(path: string, partnerId: string, body: string): Promise<{ status: number; text: string }> {
    const url = new URL(path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-api-key': this.keys.get(partnerId) ?? '',
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

export interface LoadContext {
  client: ApiClient;
  mix: OrderMix;
  probe: Probe;
  /** How long to wait for one order to settle before counting it as unsettled. */
  settleTimeoutMs: number;
}

/**
 * Closed loop end to end: `concurrency` partners each send an order and wait until it is stored (its final
 * status committed) before sending the next, for `durationMs` or `maxOrders`, whichever comes first.
 */
export async function runClosedLoop(
  context: LoadContext,
  options: { label: string; concurrency: number; durationMs: number; maxOrders: number },
): Promise<LoadRun> {
  const startedAt = now();
  const deadline = startedAt + options.durationMs;
  const sent: SentOrder[] = [];
  const worker = async () => {
    while (now() < deadline && sent.length < options.maxOrders) {
      const order = await sendAndSettle(context, context.mix.next());
      sent.push(order);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { label: options.label, concurrency: options.concurrency, rate: undefined, startedAt, sent };
}

/** Open loop: orders sent at a fixed rate whatever the product does, then waited for until stored. */
export async function runFixedRate(
  context: LoadContext,
  options: { label: string; rate: number; durationMs: number },
): Promise<LoadRun> {
  const startedAt = now();
  const total = Math.round((options.rate * options.durationMs) / 1000);
  const pending: Promise<SentOrder>[] = [];
  for (let n = 0; n < total; n++) {
    const due = startedAt + (n * 1000) / options.rate;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(sendAndSettle(context, context.mix.next()));
  }
  return {
    label: options.label,
    concurrency: undefined,
    rate: options.rate,
    startedAt,
    sent: await Promise.all(pending),
  };
}

async function sendAndSettle(context: LoadContext, order: PlannedOrder): Promise<SentOrder> {
  const response = await context.client.send(order);
  const settledAt =
    response.submissionId === undefined
      ? undefined
      : await context.probe.whenSettled(response.submissionId, context.settleTimeoutMs);
  return { ...response, settledAt };
}
