// Generated from docs/openapi.json by `pnpm api:types` (openapi-typescript): do not edit.

export interface paths {
    "/v1/partners/{partnerId}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner’s accepted orders
         * @description By sequence number, ascending; with `from` and/or `to`, by transaction time. Pages hold `limit` orders; follow `nextCursor` until it is `null`. With `externalOrderId`, the one order of that id (exactly, with its case) or no item; an id claimed by an order not yet numbered answers no item until it is (its submission says `pending`).
         */
        get: operations["listOrders"];
        put?: never;
        /**
         * Submit one order or up to 100
         * @description The body is one order in the partner’s format, or an array of 1 to 100. Each order is recorded as `pending` and queued; the workflow validates, numbers and stores it, and its status tells the outcome. The partner is the key’s, never the body’s.
         */
        post: operations["submitOrders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/submissions/{submissionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where a submission stands
         * @description `pending` until the workflow settles it; then `accepted` (with its sequence number), `duplicate` (the same order again: the original’s number) or `rejected` (with its issues).
         */
        get: operations["getSubmission"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner’s submissions in one status
         * @description Newest first, by received time; `from`/`to` bound the received time. A submission moves from `pending` to its final status when the workflow settles it. Follow `nextCursor` until it is `null`.
         */
        get: operations["listSubmissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/submissions/{submissionId}/reprocess": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a rejected submission through the workflow again (admin)
         * @description For a submission rejected by a rule since relaxed, or by a fault since fixed: it moves back to `pending`, its rejection kept in `history`, and its stored payload is queued again with its own id and time. The workflow settles it anew; accepted now, it takes the next number (never a second one) and its error item is marked `supersededBy`. An accepted, duplicate or pending submission is left exactly as it is.
         */
        post: operations["reprocessSubmission"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/orders/{sequenceNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One accepted order
         * @description The order with its amounts, times and the execution that stored it.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners/{partnerId}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner’s rejections
         * @description Newest first, by received time, kept 30 days; `from`/`to` bound the received time, `category` and `code` keep the rejections of that category or with an issue of that code. A filtered page reads a bounded stretch of the range, so it may hold fewer than `limit` rejections, or none, and still have a `nextCursor`. Follow `nextCursor` until it is `null`.
         */
        get: operations["listErrors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The registered partners with their counts
         * @description Every registered partner, its format, and its accepted, rejected and duplicate counts.
         */
        get: operations["listPartners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Counts per partner
         * @description Per partner: accepted, rejected, duplicates and the last sequence number given.
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Counts and latency per partner per minute or hour
         * @description Per partner and bucket: accepted, rejected and duplicate submissions settled in it, and p50/p95/p99 of the receipt-to-stored latency of its accepted orders (from a histogram whose reported values are within 9.1% of the samples; `null` without accepted orders). Every bucket is answered, zeros included. Minutes are kept 2 days, hours 30 days. Also the submissions pending now and the dead letters waiting now (`null` where the stage does not count them). The counters are written after each settlement on a best-effort basis: the per-partner totals of `/v1/stats` are the exact figures.
         */
        get: operations["getTimeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Recent workflow executions and what became of their orders
         * @description Newest first: the local runtime’s log, or Step Functions on AWS. Each names its partner, submission and order, its outcome, the sequence number when the order has one, and its duration once stopped. `outcome` and `partnerId` keep those that match; on AWS a filtered listing looks through the 100 most recent executions (of the outcome’s status), so it may hold fewer than `limit`.
         */
        get: operations["listExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/executions/{executionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One execution and its event log
         * @description Its input, output or failure, and every state’s events, retries included.
         */
        get: operations["getExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay the event archive for a time range (admin)
         * @description The archive keeps every order event for 30 days. Its submissions of [`from`, `to`) (one partner's, with `partnerId`) are delivered again to the workflow's rule, each with `replay-name` set (EventBridge's StartReplay on AWS, the local bus's archive locally). The workflow is idempotent per submission: accepted ones keep their numbers, and a rejected one that is valid now (a rule since relaxed) is accepted, its error item marked `supersededBy`. Follow the replay with `GET /v1/replays/{replayName}`.
         */
        post: operations["startReplay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replays/{replayName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far a replay has come
         * @description Its state (`STARTING`, `RUNNING`, `COMPLETED`, …) and `lastReplayedAt`, the time of the last event it replayed: EventBridge replays a range minute by minute.
         */
        get: operations["getReplay"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This description
         * @description The OpenAPI 3.1 description of this API; no credentials needed.
         */
        get: operations["getOpenApiDescription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        SubmitResult: {
            accepted: components["schemas"]["AcceptedSubmission"][];
        };
        AcceptedSubmission: {
            /** Format: uuid */
            submissionId: string;
            externalOrderId: string | null;
        };
        SubmissionStatus: {
            /** Format: uuid */
            submissionId: string;
            /** @enum {string} */
            status: "pending" | "accepted" | "duplicate" | "rejected";
            sequenceNumber?: number;
            issues?: components["schemas"]["Issue"][];
            executionId?: string;
            /** Format: date-time */
            receivedAt: string;
            externalOrderId?: string;
            history?: components["schemas"]["SubmissionAttempt"][];
        };
        SubmissionPage: {
            items: components["schemas"]["SubmissionStatus"][];
            nextCursor: string | null;
        };
        SubmissionAttempt: {
            /** @enum {string} */
            status: "pending" | "accepted" | "duplicate" | "rejected";
            executionId?: string;
            /** Format: date-time */
            settledAt: string;
            /** Format: date-time */
            replacedAt: string;
            issues?: components["schemas"]["Issue"][];
        };
        ReprocessResult: {
            /** @enum {string} */
            outcome: "requeued" | "already_settled" | "in_progress";
            message: string;
            submission: components["schemas"]["SubmissionStatus"];
        };
        ReplayRequest: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            partnerId?: string;
        };
        Replay: {
            name: string;
            /** @enum {string} */
            state: "STARTING" | "RUNNING" | "CANCELLING" | "COMPLETED" | "CANCELLED" | "FAILED";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            partnerId?: string;
            /** Format: date-time */
            lastReplayedAt?: string;
            /** Format: date-time */
            startedAt?: string;
            /** Format: date-time */
            endedAt?: string;
            reason?: string;
        };
        Order: {
            partnerId: string;
            sequenceNumber: number;
            externalOrderId: string;
            productId: string;
            customerId: string;
            quantity: number;
            unitPrice: number;
            taxRate: number;
            grossAmount: string;
            taxAmount: string;
            netAmount: string;
            /** Format: date-time */
            transactionTime: string;
            submissionId: string;
            /** Format: date-time */
            receivedAt: string;
            /** Format: date-time */
            processedAt: string;
            executionId: string;
        };
        OrderPage: {
            items: components["schemas"]["Order"][];
            nextCursor: string | null;
        };
        OrderError: {
            submissionId: string;
            partnerId: string;
            /** Format: date-time */
            receivedAt: string;
            /** @enum {string} */
            category: "validation" | "conflict" | "processing";
            issues: components["schemas"]["Issue"][];
            payload: string;
            payloadTruncated?: boolean;
            executionId: string;
            expiresAt: number;
            supersededBy?: {
                /** @enum {string} */
                status: "accepted" | "duplicate";
                sequenceNumber: number;
            };
            /** Format: date-time */
            supersededAt?: string;
        };
        OrderErrorPage: {
            items: components["schemas"]["OrderError"][];
            nextCursor: string | null;
        };
        PartnerSummary: {
            id: string;
            name: string;
            format: {
                fields: {
                    externalOrderId: string;
                    productId: string;
                    customerId: string;
                    quantity: string;
                    unitPrice: string;
                    taxRate: string;
                    transactionTime: string;
                };
                /** @enum {string} */
                time: "epoch-ms" | "epoch-s" | "iso-8601";
                /** @enum {string} */
                tax: "decimal" | "percent";
                /** @default {} */
                bounds: {
                    /** @default {} */
                    quantity: {
                        /** @default 1 */
                        min: number;
                        /** @default 1000000 */
                        max: number;
                    };
                    /** @default {} */
                    unitPrice: {
                        /** @default 9007199254740991 */
                        max: number;
                    };
                };
                /** @default {} */
                rules: {
                    /** @default 300 */
                    futureToleranceSeconds: number;
                };
            };
            accepted: number;
            rejected: number;
            duplicates: number;
            lastSequenceNumber: number;
        };
        PartnerList: {
            items: components["schemas"]["PartnerSummary"][];
        };
        PartnerStats: {
            partnerId: string;
            accepted: number;
            rejected: number;
            duplicates: number;
            lastSequenceNumber: number;
        };
        Stats: {
            partners: components["schemas"]["PartnerStats"][];
            /** Format: date-time */
            generatedAt: string;
        };
        TimeseriesPoint: {
            /** Format: date-time */
            start: string;
            partnerId: string;
            accepted: number;
            rejected: number;
            duplicates: number;
            latencyMs: {
                p50: number;
                p95: number;
                p99: number;
            } | null;
        };
        Timeseries: {
            /** @enum {string} */
            bucket: "1m" | "1h";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            points: components["schemas"]["TimeseriesPoint"][];
            pendingNow: number;
            pendingNowCapped: boolean;
            deadLettersNow: number | null;
            /** Format: date-time */
            generatedAt: string;
        };
        ExecutionSummary: {
            executionArn: string;
            name: string;
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT" | "PENDING_REDRIVE";
            /** Format: date-time */
            startDate: string;
            /** Format: date-time */
            stopDate?: string;
            durationMs?: number;
            partnerId?: string;
            submissionId?: string;
            externalOrderId?: string;
            /** @enum {string} */
            outcome: "accepted" | "duplicate" | "rejected" | "failed" | "running";
            sequenceNumber?: number;
            error?: string;
        };
        ExecutionList: {
            items: components["schemas"]["ExecutionSummary"][];
        };
        ExecutionEvent: {
            id: number;
            type: string;
            /** Format: date-time */
            timestamp: string;
            stateName?: string;
            stateType?: string;
            input?: unknown;
            output?: unknown;
            error?: string;
            cause?: string;
            retryAttempt?: number;
        };
        ExecutionDetail: {
            executionArn: string;
            name: string;
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT" | "PENDING_REDRIVE";
            /** Format: date-time */
            startDate: string;
            /** Format: date-time */
            stopDate?: string;
            durationMs?: number;
            partnerId?: string;
            submissionId?: string;
            externalOrderId?: string;
            /** @enum {string} */
            outcome: "accepted" | "duplicate" | "rejected" | "failed" | "running";
            sequenceNumber?: number;
            error?: string;
            input: unknown;
            output?: unknown;
            cause?: string;
            events: components["schemas"]["ExecutionEvent"][];
        };
        ErrorBody: {
            error: {
                code: string;
                message: string;
                issues?: components["schemas"]["Issue"][];
            };
        };
        PublishFailedBody: {
            error: {
                /** @constant */
                code: "publish_failed";
                message: string;
                submissions: components["schemas"]["AcceptedSubmission"][];
                notQueued: string[];
            };
        };
        PartiallyRecordedBody: {
            error: {
                /** @constant */
                code: "partially_recorded";
                message: string;
                submissions: components["schemas"]["AcceptedSubmission"][];
                notRecorded: number[];
                notQueued: string[];
            };
        };
        GatewayMessage: {
            message: string;
        };
        Issue: {
            path: string;
            code: string;
            message: string;
        };
        /** @description An order in the format registered for the partner in the path. */
        SubmittedOrder: components["schemas"]["PartnerAOrder"] | components["schemas"]["PartnerBOrder"];
        PartnerAOrder: {
            orderId: string;
            skuId: string;
            customerId: string;
            quantity: number;
            unitPrice: number;
            taxRate: number;
            transactionTimeMs: number;
        };
        PartnerBOrder: {
            transactionId: string;
            itemCode: string;
            clientId: string;
            qty: number;
            price: number;
            tax: number;
            purchaseTime: string;
        };
    };
    responses: never;
    parameters: {
        /** @description A registered partner’s id, e.g. `partner-a`. */
        partnerId: string;
        /** @description The id the feed answered for the order (for orders put on the bus directly, the event id). */
        submissionId: string;
        /** @description The order’s number within its partner, from 1. */
        sequenceNumber: number;
        /** @description The execution’s ARN, percent-encoded as one path segment. */
        executionId: string;
        /** @description The name `POST /v1/replays` answered. */
        replayName: string;
        /** @description The partner’s own order id, matched exactly and with its case (`ORD-1` is not `ord-1`). Answers that one order, or no item; not combined with `from`, `to`, `limit` or `cursor`. */
        externalOrderId: string;
        /** @description Which submissions: those still `pending`, or those settled as `accepted`, `duplicate` or `rejected`. */
        status: "pending" | "accepted" | "duplicate" | "rejected";
        /** @description Only rejections of this category. */
        category: "validation" | "conflict" | "processing";
        /** @description Only rejections with an issue of this code. */
        code: "not_object" | "required" | "type" | "empty" | "too_long" | "not_integer" | "out_of_range" | "invalid_time" | "future_time" | "unknown_partner" | "source_mismatch" | "conflict" | "processing_failed" | "payload_unreadable";
        /** @description Only executions for this registered partner’s orders, e.g. `partner-a`. */
        executionPartner: string;
        /** @description Only executions that ended so: the order `accepted`, a `duplicate` or `rejected`; the execution `failed`; or still `running`. */
        outcome: "accepted" | "duplicate" | "rejected" | "failed" | "running";
        /** @description How many items a page holds. */
        limit: number;
        /** @description The previous page’s `nextCursor`, as it was answered: signed and bound to this listing and its filters. */
        cursor: string;
        /** @description Earliest instant (inclusive), ISO 8601 with a zone (`Z` or `±hh:mm`). */
        from: string;
        /** @description Latest instant (inclusive), ISO 8601 with a zone; not before `from`. */
        to: string;
        /** @description Start (inclusive), ISO 8601 with a zone; the bucket that holds it is the first answered. Left out: 1 hour before `to` for `bucket=1m`, 24 hours for `bucket=1h`. */
        seriesFrom: string;
        /** @description End (exclusive), ISO 8601 with a zone (now when left out), after `from`: at most 24 hours later for `bucket=1m`, 30 days for `bucket=1h`. */
        seriesTo: string;
        /** @description The size of each point: a minute or an hour. */
        bucket: "1m" | "1h";
        /** @description Only this registered partner’s points and pending count, e.g. `partner-a`. */
        seriesPartner: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listOrders: {
        parameters: {
            query?: {
                /** @description The partner’s own order id, matched exactly and with its case (`ORD-1` is not `ord-1`). Answers that one order, or no item; not combined with `from`, `to`, `limit` or `cursor`. */
                externalOrderId?: components["parameters"]["externalOrderId"];
                /** @description Earliest instant (inclusive), ISO 8601 with a zone (`Z` or `±hh:mm`). */
                from?: components["parameters"]["from"];
                /** @description Latest instant (inclusive), ISO 8601 with a zone; not before `from`. */
                to?: components["parameters"]["to"];
                /** @description How many items a page holds. */
                limit?: components["parameters"]["limit"];
                /** @description The previous page’s `nextCursor`, as it was answered: signed and bound to this listing and its filters. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path: {
                /** @description A registered partner’s id, e.g. `partner-a`. */
                partnerId: components["parameters"]["partnerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of orders. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description `from`/`to` is not an instant with a zone, `from` is after `to`, `limit` is out of range, the cursor is not one this listing issued, `externalOrderId` is empty or too long, or it is combined with another of the listing’s parameters (`conflicting_parameters`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Another partner’s key, or a token without the operator or admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such partner. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    submitOrders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A registered partner’s id, e.g. `partner-a`. */
                partnerId: components["parameters"]["partnerId"];
            };
            cookie?: never;
        };
        /** @description At most 1048576 bytes; each order at most 196608 bytes of JSON (characters outside ASCII count 6 bytes each), nested at most 32 levels deep. Fields beyond the format’s are kept with the payload and otherwise ignored. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmittedOrder"] | components["schemas"]["SubmittedOrder"][];
            };
        };
        responses: {
            /** @description Every order recorded and queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmitResult"];
                };
            };
            /** @description The body is not JSON, holds no order or more than 100, holds something that is not an object, or nests too deep. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Another partner’s key, or an operator token: orders are submitted with the partner’s own key. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The body is over 1048576 bytes, or an order is over 196608 bytes of JSON. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`, nothing was recorded), or the orders were recorded but not all could be queued (`publish_failed`: all are listed in `submissions`; those in `notQueued` stay pending until recovery queues them, the others are being processed; poll their status), or some could not be recorded (`partially_recorded`: send the orders at the positions in `notRecorded` again, poll the recorded `submissions`). */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["PublishFailedBody"] | components["schemas"]["PartiallyRecordedBody"];
                };
            };
        };
    };
    getSubmission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A registered partner’s id, e.g. `partner-a`. */
                partnerId: components["parameters"]["partnerId"];
                /** @description The id the feed answered for the order (for orders put on the bus directly, the event id). */
                submissionId: components["parameters"]["submissionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The submission. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmissionStatus"];
                };
            };
            /** @description The submission id is not a UUID. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Another partner’s key, or a token without the operator or admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such partner, or no such submission. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listSubmissions: {
        parameters: {
            query: {
                /** @description Which submissions: those still `pending`, or those settled as `accepted`, `duplicate` or `rejected`. */
                status: components["parameters"]["status"];
                /** @description Earliest instant (inclusive), ISO 8601 with a zone (`Z` or `±hh:mm`). */
                from?: components["parameters"]["from"];
                /** @description Latest instant (inclusive), ISO 8601 with a zone; not before `from`. */
                to?: components["parameters"]["to"];
                /** @description How many items a page holds. */
                limit?: components["parameters"]["limit"];
                /** @description The previous page’s `nextCursor`, as it was answered: signed and bound to this listing and its filters. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path: {
                /** @description A registered partner’s id, e.g. `partner-a`. */
                partnerId: components["parameters"]["partnerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of submissions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubmissionPage"];
                };
            };
            /** @description `status` is missing or not one of the four, `from`/`to` is not an instant with a zone, `from` is after `to`, `limit` is out of range, or the cursor is not one this listing issued. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Another partner’s key, or a token without the operator or admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such partner. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reprocessSubmission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A registered partner’s id, e.g. `partner-a`. */
                partnerId: components["parameters"]["partnerId"];
                /** @description The id the feed answered for the order (for orders put on the bus directly, the event id). */
                submissionId: components["parameters"]["submissionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Nothing to do, and nothing changed: `already_settled` (accepted or a duplicate, with its number) or `in_progress` (pending: the workflow has it). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReprocessResult"];
                };
            };
            /** @description `requeued`: it was rejected, and is now pending and queued; poll its status. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReprocessResult"];
                };
            };
            /** @description The submission id is not a UUID. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such partner, or no such submission. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description The stored payload is not whole (`payload_unreadable`), so it cannot be processed again. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`, nothing changed), or the submission is pending again but could not be queued (`publish_failed`: recovery queues it). */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["PublishFailedBody"] | components["schemas"]["PartiallyRecordedBody"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A registered partner’s id, e.g. `partner-a`. */
                partnerId: components["parameters"]["partnerId"];
                /** @description The order’s number within its partner, from 1. */
                sequenceNumber: components["parameters"]["sequenceNumber"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description The sequence number is not a positive integer. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Another partner’s key, or a token without the operator or admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such partner, or no order with that number. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listErrors: {
        parameters: {
            query?: {
                /** @description Earliest instant (inclusive), ISO 8601 with a zone (`Z` or `±hh:mm`). */
                from?: components["parameters"]["from"];
                /** @description Latest instant (inclusive), ISO 8601 with a zone; not before `from`. */
                to?: components["parameters"]["to"];
                /** @description Only rejections of this category. */
                category?: components["parameters"]["category"];
                /** @description Only rejections with an issue of this code. */
                code?: components["parameters"]["code"];
                /** @description How many items a page holds. */
                limit?: components["parameters"]["limit"];
                /** @description The previous page’s `nextCursor`, as it was answered: signed and bound to this listing and its filters. */
                cursor?: components["parameters"]["cursor"];
            };
            header?: never;
            path: {
                /** @description A registered partner’s id, e.g. `partner-a`. */
                partnerId: components["parameters"]["partnerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of rejections. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderErrorPage"];
                };
            };
            /** @description `from`/`to` is not an instant with a zone, `from` is after `to`, `category` or `code` is not one the API knows, `limit` is out of range, or the cursor is not one this listing issued. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Another partner’s key, or a token without the operator or admin role. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such partner. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listPartners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The partners. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerList"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getTimeseries: {
        parameters: {
            query?: {
                /** @description Start (inclusive), ISO 8601 with a zone; the bucket that holds it is the first answered. Left out: 1 hour before `to` for `bucket=1m`, 24 hours for `bucket=1h`. */
                from?: components["parameters"]["seriesFrom"];
                /** @description End (exclusive), ISO 8601 with a zone (now when left out), after `from`: at most 24 hours later for `bucket=1m`, 30 days for `bucket=1h`. */
                to?: components["parameters"]["seriesTo"];
                /** @description The size of each point: a minute or an hour. */
                bucket?: components["parameters"]["bucket"];
                /** @description Only this registered partner’s points and pending count, e.g. `partner-a`. */
                partnerId?: components["parameters"]["seriesPartner"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The points. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeseries"];
                };
            };
            /** @description `from` or `to` is not an instant with a zone, `to` is not after `from` or too far from it, `bucket` is not `1m` or `1h` (`invalid_query`, one issue per parameter), or `partnerId` is not a registered partner (`invalid_partnerId`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Storage did not answer (`storage_unavailable`); try again in a moment. */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listExecutions: {
        parameters: {
            query?: {
                /** @description Only executions for this registered partner’s orders, e.g. `partner-a`. */
                partnerId?: components["parameters"]["executionPartner"];
                /** @description Only executions that ended so: the order `accepted`, a `duplicate` or `rejected`; the execution `failed`; or still `running`. */
                outcome?: components["parameters"]["outcome"];
                /** @description How many items a page holds. */
                limit?: components["parameters"]["limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The executions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionList"];
                };
            };
            /** @description `limit` is out of range, `outcome` is not one the API knows, or `partnerId` is not a registered partner. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description This stage runs the workflow as Express, which keeps no execution history (`history_unavailable`). */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The execution’s ARN, percent-encoded as one path segment. */
                executionId: components["parameters"]["executionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionDetail"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such execution. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description This stage runs the workflow as Express, which keeps no execution history (`history_unavailable`). */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    startReplay: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplayRequest"];
            };
        };
        responses: {
            /** @description The replay has started. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Replay"];
                };
            };
            /** @description The body is not JSON or not a range, `from` is not before `to` or older than the archive keeps, or `partnerId` names no partner. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description A replay of that name exists already (`replay_exists`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getReplay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The name `POST /v1/replays` answered. */
                replayName: components["parameters"]["replayName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The replay. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Replay"];
                };
            };
            /** @description The name is not a replay name. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A partner key, or a token without a role this route admits. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No replay of that name. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getOpenApiDescription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`). */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"] | components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
}
