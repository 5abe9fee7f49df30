import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Events } from '@orders/core';
import { SignatureV4 } from '@smithy/signature-v4';
import * as v from 'valibot';

// The EventBridge PutEvents API as partners call it from their own AWS accounts, served locally so their
// unmodified SDK code runs against `npm start`: AWS JSON 1.1, SigV4-signed. A partner's access key id is
// its partner id and its secret access key is its API key. What the stage's bus policy admits on AWS
// (each partner account only with its own `orders.<partnerId>` source) is what this admits here.

/** How far a request's signing time may be from now before AWS answers "Signature expired". */
const maxClockSkewMs = 5 * 60 * 1000;
const service = 'events';

export interface EventBridgeApiOptions {
  bus: Events.EventPublisher;
  /** The secret access key of an access key id: the partner's API key, or undefined for no such partner. */
  secretFor(accessKeyId: string): string | undefined;
  region: string;
  account: string;
  busName: string;
  now?: () => Date;
}

export interface ApiRequest {
  method: string;
  /** The path and query, as on the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const RequestEntry = v.object({
  Source: v.optional(v.string()),
  DetailType: v.optional(v.string()),
  Detail: v.optional(v.string()),
  EventBusName: v.optional(v.string()),
  Resources: v.optional(v.array(v.string())),
  // AWS JSON 1.1 sends timestamps as epoch seconds.
  Time: v.optional(v.number()),
});

const PutEventsRequest = v.object({ Entries: v.array(RequestEntry) });

function awsError(status: number, type: string, message: string): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message }),
  };
}

function header(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(value: string | undefined): Authorization | undefined {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
      value ?? '',
    );
  if (match === null) return undefined;
  const [, accessKeyId, date, region, signedService, signedHeaders, signature] = match as unknown as string[];
  return {
    accessKeyId: accessKeyId as string,
    date: date as string,
    region: region as string,
    service: signedService as string,
    signedHeaders: (signedHeaders as string).split(';'),
    signature: signature as string,
  };
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

// SignatureV4 takes a hash constructor; node:crypto does the hashing.
class NodeSha256 {
  private hash;
  private readonly secret: string | Uint8Array | undefined;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytes(secret);
    this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

/** Recomputes the request's SigV4 signature with the signer's secret; undefined when it matches. */
async function verifySignature(
  request: ApiRequest,
  auth: Authorization,
  secret: string,
  signingDate: Date,
): Promise<string | undefined> {
  const url = new URL(request.url, 'http://local');
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = header(request, name);
    if (value === undefined) return `the signed header ${name} is missing`;
    headers[name] = value;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: secret },
    region: auth.region,
    service,
    sha256: NodeSha256,
    uriEscapePath: true,
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers,
      body: request.body.toString('utf8'),
    },
    { signingDate },
  );
  const expected = parseAuthorization(
    String(signed.headers.authorization ?? signed.headers.Authorization),
  )?.signature;
  if (expected === undefined) return 'the signature could not be computed';
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(auth.signature, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) ? undefined : 'mismatch';
}

/** The PutEvents API for partners' own AWS SDK code; answers as EventBridge does. */
export function createEventBridgeApi(options: EventBridgeApiOptions) {
  const now = options.now ?? (() => new Date());
  const busArn = `arn:aws:events:${options.region}:${options.account}:event-bus/${options.busName}`;

  return async (request: ApiRequest): Promise<ApiResponse> => {
    if (request.method !== 'POST') return awsError(404, 'UnknownOperationException', 'Only POST is served.');
    const target = header(request, 'x-amz-target');
    if (target !== 'AWSEvents.PutEvents') {
      return awsError(
        400,
        'UnknownOperationException',
        `The operation ${target ?? '(none)'} is not served here.`,
      );
    }
    const auth = parseAuthorization(header(request, 'authorization'));
    if (auth === undefined) {
      return awsError(400, 'MissingAuthenticationTokenException', 'Request is missing Authentication Token');
    }
    const secret = options.secretFor(auth.accessKeyId);
    if (secret === undefined) {
      return awsError(
        400,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    const signingDate = parseAmzDate(header(request, 'x-amz-date'));
    if (signingDate === undefined || auth.service !== service || !auth.signedHeaders.includes('host')) {
      return awsError(400, 'IncompleteSignatureException', 'The request signature is incomplete.');
    }
    if (Math.abs(now().getTime() - signingDate.getTime()) > maxClockSkewMs) {
      return awsError(
        400,
        'InvalidSignatureException',
        'Signature expired: the signing time is more than 5 minutes away.',
      );
    }
    const mismatch = await verifySignature(request, auth, secret, signingDate);
    if (mismatch !== undefined) {
      return awsError(
        400,
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8'));
    } catch {
      return awsError(400, 'SerializationException', 'The request body is not JSON.');
    }
    const parsed = v.safeParse(PutEventsRequest, json);
    if (!parsed.success)
      return awsError(400, 'ValidationException', 'The request does not have the PutEvents shape.');
    const entries = parsed.output.Entries;
    // The bus policy's `ForAllValues:StringEquals` on `events:source`: one foreign source denies the whole call.
    const ownSource = Events.partnerSource(auth.accessKeyId);
    if (entries.some((entry) => entry.Source !== ownSource)) {
      return awsError(
        400,
        'AccessDeniedException',
        `User: ${auth.accessKeyId} is not authorized to perform: events:PutEvents on resource: ${busArn} because no resource-based policy allows the events:PutEvents action`,
      );
    }
    try {
      const result = await options.bus.putEvents(
        entries.map((entry) => ({
          Source: entry.Source ?? '',
          DetailType: entry.DetailType ?? '',
          Detail: entry.Detail ?? '',
          ...(entry.EventBusName === undefined ? {} : { EventBusName: entry.EventBusName }),
          ...(entry.Resources === undefined ? {} : { Resources: entry.Resources }),
          ...(entry.Time === undefined ? {} : { Time: new Date(entry.Time * 1000) }),
        })),
      );
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ Entries: result.Entries, FailedEntryCount: result.FailedEntryCount }),
      };
    } catch (error) {
      // A request the bus refuses whole (too many entries, too large) answers with the bus's error name.
      const name = error instanceof Error ? error.name : 'InternalException';
      const message = error instanceof Error ? error.message : String(error);
      return name === 'ValidationException'
        ? awsError(400, name, message)
        : awsError(500, 'InternalException', 'The request could not be processed.');
    }
  };
}
