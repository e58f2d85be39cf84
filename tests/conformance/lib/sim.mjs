// Shared set-up for the conformance scenarios: the official connectors, configured only with the
// simulator's URLs and credentials, plus the simulator's control API for arranging prices.
import { Spot } from '@binance/spot';
import { DerivativesTradingUsdsFutures } from '@binance/derivatives-trading-usds-futures';

const configuredBase = process.env.SIM_BASE_URL;
if (!configuredBase) {
    throw new Error(
        'SIM_BASE_URL is not set: run `npm test` (it starts a simulator) or set SIM_BASE_URL=http://127.0.0.1:PORT');
}

export const baseUrl = configuredBase.replace(/\/+$/, '');
export const wsBase = baseUrl.replace(/^http/, 'ws');
export const apiKey = process.env.SIM_API_KEY ?? 'simulator-api-key';
export const apiSecret = process.env.SIM_API_SECRET ?? 'simulator-api-secret';

/** How long to wait for an event the simulator should push (generous: the CI machine is small and shared). */
export const EVENT_TIMEOUT_MS = Number(process.env.SIM_EVENT_TIMEOUT_MS ?? 15000);

// Requests that hit a slow, shared machine must not be retried: a retried order would be a second order.
const rest = { apiKey, apiSecret, basePath: baseUrl, timeout: 15000, retries: 0 };

/** A spot client; <overrides> replaces REST credentials (to test authentication errors). */
export function spotClient(overrides = {}) {
    return new Spot({
        configurationRestAPI: { ...rest, ...overrides },
        configurationWebsocketAPI: { apiKey, apiSecret, wsURL: `${wsBase}/ws-api/v3`, timeout: 15000 },
        configurationWebsocketStreams: { wsURL: wsBase },
    });
}

/** A USD-M futures client; <overrides> replaces REST credentials (to test authentication errors). */
export function futuresClient(overrides = {}) {
    return new DerivativesTradingUsdsFutures({
        configurationRestAPI: { ...rest, ...overrides },
        configurationWebsocketStreams: { wsURL: `${wsBase}/fstream` },
    });
}

/** Calls the simulator's control API (not part of Binance's; used only to arrange the market). */
export async function control(method, path, body) {
    const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
        throw new Error(`${method} ${path} -> HTTP ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
}

export function setPrice(symbol, market, price) {
    return control('POST', '/sim/price', { symbol, market, price: String(price) });
}

/** Unique client order ids per run, inside Binance's allowed alphabet. */
export function clientId(tag) {
    return `conf-${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Resolves with the first message on a connector stream that satisfies the predicate; rejects after the
 * timeout with the messages that were seen, so a failure shows what the simulator sent instead.
 */
export function nextMessage(stream, predicate, what, timeoutMs = EVENT_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
        const seen = [];
        let done = false;
        const timer = setTimeout(() => {
            done = true;
            reject(new Error(`No ${what} within ${timeoutMs} ms; saw ${seen.length} other message(s): ` +
                JSON.stringify(seen.slice(-5))));
        }, timeoutMs);
        stream.on('message', (data) => {
            if (done) {
                return;
            }
            if (predicate(data)) {
                done = true;
                clearTimeout(timer);
                resolve(data);
            } else {
                seen.push(data);
            }
        });
    });
}

/** Polls until the probe returns a truthy value (for REST views that may lag behind the user stream). */
export async function eventually(probe, what, timeoutMs = EVENT_TIMEOUT_MS) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        last = await probe();
        if (last) {
            return last;
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${what} did not happen within ${timeoutMs} ms; last probe: ${JSON.stringify(last)}`);
}

/** Runs a connector call that must fail and returns the error (a clear failure if it succeeds). */
export async function rejection(call) {
    try {
        const response = await call();
        const data = await response.data();
        throw new Error(`expected a rejection but the call succeeded: ${JSON.stringify(data)}`);
    } catch (error) {
        if (error.message?.startsWith('expected a rejection')) {
            throw error;
        }
        return error;
    }
}
