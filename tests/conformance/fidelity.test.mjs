// What ordinary clients rely on (issue 14): local order books from diff depth, history paging, account
// endpoints and the WebSocket API logon, each through the official connectors' own methods.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TIMEOUT_MS, clientId, eventually, futuresClient, setPrice, spotClient } from './lib/sim.mjs';

const SYMBOL = 'BTCUSDT';
const futures = futuresClient();
const spot = spotClient();
const closers = [];

after(async () => {
    for (const close of closers) {
        await close();
    }
});

function applyLevels(side, levels) {
    for (const [price, qty] of levels) {
        if (Number(qty) === 0) {
            side.delete(Number(price));
        } else {
            side.set(Number(price), Number(qty));
        }
    }
}

function serialize(bids, asks) {
    const sorted = (side, dir) => [...side.entries()].sort((a, b) => dir * (a[0] - b[0]));
    return JSON.stringify({ bids: sorted(bids, -1), asks: sorted(asks, 1) });
}

/**
 * Binance's "manage a local order book": buffer the diff stream, take a snapshot, drop what it holds, check that
 * the first kept event bridges it and every later one follows on; then the book at a later snapshot's id must
 * equal that snapshot.
 */
async function followLocalBook(stream, snapshot, isFutures, market) {
    const buffered = [];
    stream.on('message', (m) => buffered.push(m));
    // Let the subscription go live and a few events arrive before the snapshot.
    for (let i = 1; i <= 3; i++) {
        await setPrice(SYMBOL, market, 65000 + i * 7);
        await new Promise((r) => setTimeout(r, 150));
    }
    await eventually(() => buffered.length > 0, 'a first depth event');

    const first = await snapshot();
    const lastUpdateId = Number(first.lastUpdateId);
    const bids = new Map();
    const asks = new Map();
    applyLevels(bids, first.bids);
    applyLevels(asks, first.asks);
    for (let i = 1; i <= 3; i++) {
        await setPrice(SYMBOL, market, 65400 - i * 11);
    }
    const last = await snapshot();
    const finalId = Number(last.lastUpdateId);

    let previous;
    let applied = 0;
    const states = new Map();
    await eventually(() => {
        while (buffered.length > 0) {
            const event = buffered.shift();
            assert.equal(event.e, 'depthUpdate', JSON.stringify(event));
            const U = Number(event.U);
            const u = Number(event.u);
            if (previous === undefined) {
                if (isFutures ? u < lastUpdateId : u <= lastUpdateId) {
                    continue;
                }
                assert.ok(isFutures ? U <= lastUpdateId && lastUpdateId <= u : U <= lastUpdateId + 1 && lastUpdateId + 1 <= u,
                    `first event ${U}..${u} does not bridge snapshot ${lastUpdateId}`);
            } else if (isFutures) {
                assert.equal(Number(event.pu), previous, `pu ${event.pu} after u ${previous}`);
            } else {
                assert.equal(U, previous + 1, `U ${U} after u ${previous}`);
            }
            applyLevels(bids, event.b);
            applyLevels(asks, event.a);
            previous = u;
            applied++;
            states.set(u, serialize(bids, asks));
        }
        return previous !== undefined && previous >= finalId;
    }, `depth events up to ${finalId}`);

    const expected = new Map();
    const expectedAsks = new Map();
    applyLevels(expected, last.bids);
    applyLevels(expectedAsks, last.asks);
    assert.ok(applied > 0);
    assert.equal(states.get(finalId), serialize(expected, expectedAsks));
}

test('spot: a local book built from the diff depth stream equals REST depth', { timeout: EVENT_TIMEOUT_MS * 3 }, async () => {
    const connection = await spot.websocketStreams.connect();
    closers.push(() => connection.disconnect());
    const stream = connection.diffBookDepth({ symbol: SYMBOL.toLowerCase(), updateSpeed: '100ms' });

    await followLocalBook(stream, async () => (await spot.restAPI.depth({ symbol: SYMBOL, limit: 1000 })).data(), false, 'SPOT');
});

test('futures: a local book built from the diff depth stream equals REST depth', { timeout: EVENT_TIMEOUT_MS * 3 }, async () => {
    const connection = await futures.websocketStreams.connect();
    closers.push(() => connection.disconnect());
    const stream = connection.diffBookDepthStreams({ symbol: SYMBOL.toLowerCase() });

    await followLocalBook(stream, async () => (await futures.restAPI.orderBook({ symbol: SYMBOL, limit: 1000 })).data(), true, 'FUTURES');
});

test('spot: trade history pages by fromId, and the public tape answers trades and aggTrades', async () => {
    for (let i = 0; i < 3; i++) {
        await (await spot.restAPI.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.001 })).data();
    }
    const all = await (await spot.restAPI.myTrades({ symbol: SYMBOL })).data();
    const from = await (await spot.restAPI.myTrades({ symbol: SYMBOL, fromId: all[all.length - 2].id, limit: 1 })).data();
    const recent = await (await spot.restAPI.getTrades({ symbol: SYMBOL, limit: 5 })).data();
    const agg = await (await spot.restAPI.aggTrades({ symbol: SYMBOL, limit: 5 })).data();

    assert.deepEqual(from.map((t) => t.id), [all[all.length - 2].id]);
    assert.ok(recent.length > 0 && recent[0].id !== undefined, JSON.stringify(recent));
    assert.ok(agg.length > 0 && agg[0].a !== undefined, JSON.stringify(agg));
});

test('spot: 24hr and rolling tickers, commission rates and order rate usage', async () => {
    const day = await (await spot.restAPI.ticker24hr({ symbol: SYMBOL })).data();
    const rolling = await (await spot.restAPI.ticker({ symbol: SYMBOL, windowSize: '1h' })).data();
    const commission = await (await spot.restAPI.accountCommission({ symbol: SYMBOL })).data();
    const limits = await (await spot.restAPI.rateLimitOrder()).data();

    assert.equal(day.symbol, SYMBOL);
    assert.ok(Number(day.highPrice) >= Number(day.lowPrice), JSON.stringify(day));
    assert.ok(Number(rolling.lastPrice) > 0, JSON.stringify(rolling));
    assert.ok(commission.standardCommission?.taker !== undefined, JSON.stringify(commission));
    assert.ok(limits.some((l) => l.rateLimitType === 'ORDERS' && typeof l.count === 'number'), JSON.stringify(limits));
});

test('spot: session.logon, then userDataStream.subscribe delivers fills', { timeout: EVENT_TIMEOUT_MS * 2 }, async () => {
    const connection = await spot.websocketAPI.connect();
    closers.push(() => connection.disconnect());
    await connection.sessionLogon();
    const { response, stream } = await connection.userDataStreamSubscribe();
    assert.equal(typeof response.data.subscriptionId, 'number', JSON.stringify(response.data));
    const id = clientId('sl');
    let event;
    stream.on('message', (e) => {
        if (e.e === 'executionReport' && e.c === id && e.X === 'FILLED') {
            event = e;
        }
    });

    await (await spot.restAPI.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.001, newClientOrderId: id })).data();

    await eventually(() => event, `executionReport FILLED for ${id}`);
    assert.ok(Array.isArray(response.rateLimits) && response.rateLimits.length > 0, JSON.stringify(response.rateLimits));
});

test('futures: brackets, commission, account and symbol configuration', async () => {
    const api = futures.restAPI;
    const brackets = await (await api.notionalAndLeverageBrackets({ symbol: SYMBOL })).data();
    const commission = await (await api.userCommissionRate({ symbol: SYMBOL })).data();
    const config = await (await api.futuresAccountConfiguration()).data();
    const symbols = await (await api.symbolConfiguration({ symbol: SYMBOL })).data();

    const entry = Array.isArray(brackets) ? brackets[0] : brackets;
    assert.ok(entry.brackets.length > 0 && entry.brackets[0].initialLeverage > 0, JSON.stringify(brackets));
    assert.ok(Number(commission.takerCommissionRate) > 0, JSON.stringify(commission));
    assert.equal(config.dualSidePosition, false);
    assert.equal(symbols[0].symbol, SYMBOL);
});

test('futures: market data endpoints answer (24hr ticker, v2 price, funding history, open interest, tapes)', async () => {
    const api = futures.restAPI;
    const day = await (await api.ticker24hrPriceChangeStatistics({ symbol: SYMBOL })).data();
    const price = await (await api.symbolPriceTickerV2({ symbol: SYMBOL })).data();
    const funding = await (await api.getFundingRateHistory({ symbol: SYMBOL, limit: 3 })).data();
    const interest = await (await api.openInterest({ symbol: SYMBOL })).data();
    const agg = await (await api.compressedAggregateTradesList({ symbol: SYMBOL, limit: 3 })).data();
    const recent = await (await api.recentTradesList({ symbol: SYMBOL, limit: 3 })).data();

    assert.equal(day.symbol, SYMBOL);
    assert.ok(Number(price.price) > 0, JSON.stringify(price));
    assert.equal(funding.length, 3);
    assert.ok(Number(interest.openInterest) > 0, JSON.stringify(interest));
    assert.ok(agg.length > 0 && recent.length > 0);
});

test('futures: a resting LIMIT is amended, batch orders are placed and cancelled, income lists the fees', async () => {
    const api = futures.restAPI;
    await setPrice(SYMBOL, 'FUTURES', 65000);
    const placed = await (await api.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 0.01, price: 60000 })).data();

    const amended = await (await api.modifyOrder({ symbol: SYMBOL, orderId: placed.orderId, side: 'BUY', quantity: 0.02, price: 60500 })).data();
    const batch = await (await api.placeMultipleOrders({
        batchOrders: [
            { symbol: SYMBOL, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59000' },
            { symbol: SYMBOL, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '59100' },
        ],
    })).data();
    const cancelled = await (await api.cancelMultipleOrders({ symbol: SYMBOL, orderIdList: [placed.orderId, ...batch.map((o) => o.orderId)] })).data();
    await (await api.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.01 })).data();
    await (await api.newOrder({ symbol: SYMBOL, side: 'SELL', type: 'MARKET', quantity: 0.01, reduceOnly: 'true' })).data();
    const income = await (await api.getIncomeHistory({ symbol: SYMBOL, incomeType: 'COMMISSION' })).data();
    const trades = await (await api.accountTradeList({ symbol: SYMBOL, limit: 2 })).data();

    assert.equal(amended.price, '60500');
    assert.equal(amended.origQty, '0.02');
    assert.deepEqual(batch.map((o) => o.status), ['NEW', 'NEW'], JSON.stringify(batch));
    assert.deepEqual(cancelled.map((o) => o.status), ['CANCELED', 'CANCELED', 'CANCELED'], JSON.stringify(cancelled));
    assert.ok(income.length >= 2 && income.every((i) => i.incomeType === 'COMMISSION' && i.tranId), JSON.stringify(income));
    assert.ok(trades.every((t) => !/\.\d{9,}/.test(t.realizedPnl)), JSON.stringify(trades));
});

test('futures: a TRAILING_STOP_MARKET algo order follows the run-up and closes the position on the callback', async () => {
    const api = futures.restAPI;
    await setPrice(SYMBOL, 'FUTURES', 65000);
    await (await api.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.01 })).data();
    const id = clientId('ts');

    const placed = await (await api.newAlgoOrder({
        algoType: 'CONDITIONAL', symbol: SYMBOL, side: 'SELL', type: 'TRAILING_STOP_MARKET', quantity: 0.01,
        activatePrice: 66000, callbackRate: 5, workingType: 'MARK_PRICE', reduceOnly: 'true', clientAlgoId: id,
    })).data();
    await setPrice(SYMBOL, 'FUTURES', 70000);
    await setPrice(SYMBOL, 'FUTURES', 67900);
    const waiting = await (await api.queryAlgoOrder({ algoId: placed.algoId })).data();
    await setPrice(SYMBOL, 'FUTURES', 66400);
    const fired = await (await api.queryAlgoOrder({ algoId: placed.algoId })).data();
    const positions = await (await api.positionInformationV3({ symbol: SYMBOL })).data();

    assert.equal(Number(placed.callbackRate), 5, JSON.stringify(placed));
    assert.equal(waiting.algoStatus, 'NEW', JSON.stringify(waiting));
    assert.equal(fired.algoStatus, 'FINISHED', JSON.stringify(fired));
    assert.equal(positions.reduce((sum, p) => sum + Number(p.positionAmt), 0), 0);
    await setPrice(SYMBOL, 'FUTURES', 65000);
});
