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

/** One HTTP request, shared by the orders it carried. */
export interface SentRequest {
  orders: number;
  /** The body as sent and the answer's body, bytes (headers are not counted). */
  bodyBytes: number;
  responseBytes: number;
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
  request: SentRequest;
}

/** One load run: what was sent and when it ran. */
export interface LoadRun {
  label: string;
  concurrency: number | undefined;
  rate: number | undefined;
  /** Orders per HTTP request. */
  perRequest: number;
  startedAt: number;
  sent: SentOrder[];
}

/**
 * The mixed load: both partners in turn, every tenth order invalid (one realistic mistake) and every tenth
 * an exact resend of a valid order sent a little earlier, as `pnpm simulate` sends them by default.
 */
export class OrderMix {
  private count = 0;
  private batches = 0;
  private readonly valid: PlannedOrder[] = [];
  private readonly validByPartner = new Map<string, PlannedOrder[]>();

  constructor(private readonly runId: string) {}

  next(): PlannedOrder {
    const partner = Partner.listPartners()[this.count % 2] as Partner.Partner;
    // A resend of an order some 30 valid orders back: usually settled by now, as a partner's retry would be.
    return this.plan(partner, () => this.valid[Math.max(0, this.valid.length - 30)]);
  }

  /**
   * One partner's request of `size` orders in the same mix, partners in turn; each resend is of a different
   * order that partner sent in an earlier request.
   */
  nextBatch(size: number): PlannedOrder[] {
    const partner = Partner.listPartners()[this.batches++ % 2] as Partner.Partner;
    const earlier = [...(this.validByPartner.get(partner.id) ?? [])];
    return Array.from({ length: size }, () => this.plan(partner, () => earlier.pop()));
  }

  private plan(partner: Partner.Partner, resend: () => PlannedOrder | undefined): PlannedOrder {
    const n = this.count++;
    const order = realisticOrder(partner.format, this.runId, n);
    if (n % 10 === 3)
      return { partnerId: partner.id, payload: breakOrder(order, partner.format), kind: 'invalid' };
    const earlier = n % 10 === 7 ? resend() : undefined;
    if (earlier !== undefined) return { ...earlier, kind: 'duplicate' };
    const planned: PlannedOrder = { partnerId: partner.id, payload: order, kind: 'valid' };
    this.valid.push(planned);
    const own = this.validByPartner.get(partner.id) ?? [];
    own.push(planned);
    this.validByPartner.set(partner.id, own);
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
    const [sent] = await this.post(order.partnerId, [order], JSON.stringify(order.payload));
    return sent as Omit<SentOrder, 'settledAt'>;
  }

  /** One request carrying every order (all of one partner), as a JSON array. */
  sendBatch(orders: PlannedOrder[]): Promise<Omit<SentOrder, 'settledAt'>[]> {
    const partnerId = orders[0]?.partnerId ?? '';
    return this.post(partnerId, orders, JSON.stringify(orders.map((order) => order.payload)));
  }

  close(): void {
    this.agent.destroy();
  }

  private async post(
    partnerId: string,
    orders: PlannedOrder[],
    body: string,
  ): Promise<Omit<SentOrder, 'settledAt'>[]> {
    const sentAt = now();
    const { status, text } = await this.request(`/v1/partners/${partnerId}/orders`, partnerId, body);
    const respondedAt = now();
    const accepted =
      status === 202 ? ((JSON.parse(text) as { accepted?: { submissionId?: string }[] }).accepted ?? []) : [];
    const request: SentRequest = {
      orders: orders.length,
      bodyBytes: Buffer.byteLength(body),
      responseBytes: Buffer.byteLength(text),
    };
    return orders.map((order, i) => ({
      partnerId: order.partnerId,
      kind: order.kind,
      submissionId: accepted[i]?.submissionId,
      status,
      sentAt,
      respondedAt,
      request,
    }));
  }

  private request(path: string, partnerId: string, body: string): Promise<{ status: number; text: string }> {
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
  return {
    label: options.label,
    concurrency: options.concurrency,
    rate: undefined,
    perRequest: 1,
    startedAt,
    sent,
  };
}

/**
 * Open loop: orders sent at a fixed rate whatever the product does, then waited for until stored; with
 * `perRequest`, that many orders of one partner to a request, requests spaced to keep the rate in orders.
 */
export async function runFixedRate(
  context: LoadContext,
  options: { label: string; rate: number; durationMs: number; perRequest?: number },
): Promise<LoadRun> {
  const perRequest = options.perRequest ?? 1;
  const startedAt = now();
  const requests = Math.max(1, Math.round((options.rate * options.durationMs) / 1000 / perRequest));
  const pending: Promise<SentOrder[]>[] = [];
  for (let n = 0; n < requests; n++) {
    const due = startedAt + (n * 1000 * perRequest) / options.rate;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      perRequest === 1
        ? sendAndSettle(context, context.mix.next()).then((order) => [order])
        : sendBatchAndSettle(context, context.mix.nextBatch(perRequest)),
    );
  }
  return {
    label: options.label,
    concurrency: undefined,
    rate: options.rate,
    perRequest,
    startedAt,
    sent: (await Promise.all(pending)).flat(),
  };
}

async function sendAndSettle(context: LoadContext, order: PlannedOrder): Promise<SentOrder> {
  return settle(context, await context.client.send(order));
}

async function sendBatchAndSettle(context: LoadContext, orders: PlannedOrder[]): Promise<SentOrder[]> {
  const sent = await context.client.sendBatch(orders);
  return Promise.all(sent.map((order) => settle(context, order)));
}

async function settle(context: LoadContext, response: Omit<SentOrder, 'settledAt'>): Promise<SentOrder> {
  const settledAt =
    response.submissionId === undefined
      ? undefined
      : await context.probe.whenSettled(response.submissionId, context.settleTimeoutMs);
  return { ...response, settledAt };
}
