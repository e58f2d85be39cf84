// Spot scenarios, driven through @binance/spot unchanged but for its base URLs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientId, EVENT_TIMEOUT_MS, eventually, nextMessage, rejection, setPrice, spotClient } from './lib/sim.mjs';

const SYMBOL = 'BTCUSDT';
// Literal prices, not PRICE * factor: binary floating point would send 55000.00000000001.
const PRICE = 50000;
const spot = spotClient();
const closers = [];

before(async () => {
    await setPrice(SYMBOL, 'SPOT', PRICE);
});

after(async () => {
    for (const close of closers) {
        await close();
    }
});

test('spot server time is close to the local clock', async () => {
    const data = await (await spot.restAPI.time()).data();

    assert.equal(typeof data.serverTime, 'number');
    assert.ok(Math.abs(data.serverTime - Date.now()) < 60_000, `serverTime ${data.serverTime} vs local ${Date.now()}`);
});

test('spot exchangeInfo describes the symbol with its filters', async () => {
    const data = await (await spot.restAPI.exchangeInfo({ symbol: SYMBOL })).data();

    const symbol = data.symbols.find((s) => s.symbol === SYMBOL);
    assert.ok(symbol, `no ${SYMBOL} in ${JSON.stringify(data.symbols.map((s) => s.symbol))}`);
    assert.equal(symbol.status, 'TRADING');
    assert.equal(symbol.baseAsset, 'BTC');
    assert.equal(symbol.quoteAsset, 'USDT');
    const filters = symbol.filters.map((f) => f.filterType);
    for (const filter of ['PRICE_FILTER', 'LOT_SIZE']) {
        assert.ok(filters.includes(filter), `missing ${filter} in ${filters}`);
    }
    assert.ok(symbol.orderTypes.includes('LIMIT_MAKER'));
});

test('a spot LIMIT order rests, is found by query and is cancelled', async () => {
    const id = clientId('sl');

    const placed = await (await spot.restAPI.newOrder({
        symbol: SYMBOL, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 0.001, price: 40000, newClientOrderId: id,
    })).data();
    const queried = await (await spot.restAPI.getOrder({ symbol: SYMBOL, origClientOrderId: id })).data();
    const cancelled = await (await spot.restAPI.deleteOrder({ symbol: SYMBOL, orderId: placed.orderId })).data();

    assert.equal(placed.status, 'NEW');
    assert.equal(placed.clientOrderId, id);
    assert.equal(queried.orderId, placed.orderId);
    assert.equal(queried.status, 'NEW');
    assert.equal(Number(queried.price), 40000);
    assert.equal(cancelled.status, 'CANCELED');
    assert.equal(cancelled.orderId, placed.orderId);
});

test('a spot MARKET order fills at once and reports its fills', async () => {
    const id = clientId('sm');

    const placed = await (await spot.restAPI.newOrder({
        symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.001, newClientOrderId: id, newOrderRespType: 'FULL',
    })).data();

    assert.equal(placed.status, 'FILLED');
    assert.equal(Number(placed.executedQty), 0.001);
    assert.ok(Array.isArray(placed.fills) && placed.fills.length > 0, `no fills in ${JSON.stringify(placed)}`);
    assert.ok(Number(placed.cummulativeQuoteQty) > 0);
});

test('a spot LIMIT_MAKER order that would cross is rejected with -2010', async () => {
    const error = await rejection(() => spot.restAPI.newOrder({
        symbol: SYMBOL, side: 'BUY', type: 'LIMIT_MAKER', quantity: 0.001, price: 55000, newClientOrderId: clientId('sp'),
    }));

    assert.equal(error.code, -2010, `${error.name}: ${error.message}`);
});

test('a spot OCO order list places a take-profit and a stop-loss leg and cancels as one', async () => {
    await (await spot.restAPI.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.001 })).data();
    const listId = clientId('so');

    const placed = await (await spot.restAPI.orderListOco({
        symbol: SYMBOL,
        side: 'SELL',
        quantity: 0.001,
        listClientOrderId: listId,
        aboveType: 'LIMIT_MAKER',
        abovePrice: 60000,
        belowType: 'STOP_LOSS_LIMIT',
        belowStopPrice: 45000,
        belowPrice: 44500,
        belowTimeInForce: 'GTC',
    })).data();
    const cancelled = await (await spot.restAPI.deleteOrderList({ symbol: SYMBOL, orderListId: placed.orderListId })).data();

    assert.equal(placed.contingencyType, 'OCO');
    assert.equal(placed.listClientOrderId, listId);
    assert.equal(placed.orders.length, 2);
    assert.equal(placed.orderReports.length, 2);
    assert.deepEqual(placed.orderReports.map((o) => o.type).sort(), ['LIMIT_MAKER', 'STOP_LOSS_LIMIT']);
    assert.equal(cancelled.listOrderStatus, 'ALL_DONE');
    assert.ok(cancelled.orderReports.every((o) => o.status === 'CANCELED'), JSON.stringify(cancelled.orderReports));
});

test('when a spot OCO take-profit fills, the stop-loss leg expires and the list is done', async () => {
    await (await spot.restAPI.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.001 })).data();
    const placed = await (await spot.restAPI.orderListOco({
        symbol: SYMBOL,
        side: 'SELL',
        quantity: 0.001,
        aboveType: 'LIMIT_MAKER',
        abovePrice: 52000,
        belowType: 'STOP_LOSS_LIMIT',
        belowStopPrice: 45000,
        belowPrice: 44500,
        belowTimeInForce: 'GTC',
    })).data();

    await setPrice(SYMBOL, 'SPOT', 53000);
    try {
        const list = await eventually(async () => {
            const current = await (await spot.restAPI.getOrderList({ orderListId: placed.orderListId })).data();
            return current.listOrderStatus === 'ALL_DONE' ? current : undefined;
        }, 'the OCO list to finish');
        const legs = await Promise.all(list.orders.map(async (o) =>
            (await spot.restAPI.getOrder({ symbol: SYMBOL, orderId: o.orderId })).data()));

        assert.equal(list.listStatusType, 'ALL_DONE');
        assert.deepEqual(legs.map((o) => `${o.type}:${o.status}`).sort(), ['LIMIT_MAKER:FILLED', 'STOP_LOSS_LIMIT:EXPIRED']);
    } finally {
        await setPrice(SYMBOL, 'SPOT', PRICE);
    }
});

test('a spot request signed with the wrong secret is rejected with -1022', async () => {
    const wrong = spotClient({ apiSecret: 'not-the-secret' });

    const error = await rejection(() => wrong.restAPI.getAccount());

    assert.equal(error.code, -1022, `${error.name}: ${error.message}`);
});

test('a spot request with an unknown API key is rejected with -2015 or -2014', async () => {
    const wrong = spotClient({ apiKey: 'unknown-key' });

    const error = await rejection(() => wrong.restAPI.getAccount());

    assert.ok([-2014, -2015].includes(error.code), `${error.name} ${error.code}: ${error.message}`);
});

test('the spot account lists balances', async () => {
    const data = await (await spot.restAPI.getAccount({ omitZeroBalances: true })).data();

    assert.equal(data.canTrade, true);
    const usdt = data.balances.find((b) => b.asset === 'USDT');
    assert.ok(usdt && Number(usdt.free) > 0, `no free USDT in ${JSON.stringify(data.balances)}`);
});

test('a spot fill arrives on the WebSocket API user data stream', async () => {
    const connection = await spot.websocketAPI.connect();
    closers.push(() => connection.disconnect());
    const { response, stream } = await connection.userDataStreamSubscribeSignature();
    assert.equal(typeof response.data.subscriptionId, 'number', JSON.stringify(response.data));
    const id = clientId('su');
    const filled = nextMessage(stream, (e) => e.e === 'executionReport' && e.c === id && e.X === 'FILLED',
        `executionReport FILLED for ${id}`);

    await (await spot.restAPI.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.001, newClientOrderId: id })).data();

    const event = await filled;
    assert.equal(event.s, SYMBOL);
    assert.equal(event.x, 'TRADE');
    assert.equal(Number(event.z), 0.001);
});

test('a spot bookTicker stream delivers quotes for the symbol', { timeout: EVENT_TIMEOUT_MS * 2 }, async () => {
    const connection = await spot.websocketStreams.connect();
    closers.push(() => connection.disconnect());
    const stream = connection.bookTicker({ symbol: SYMBOL.toLowerCase() });
    let received;
    nextMessage(stream, (m) => m.s === SYMBOL, `bookTicker for ${SYMBOL}`).then((m) => { received = m; }, () => {});

    // A quote may only be sent when the book changes, and the subscription is asynchronous: nudge the
    // price until the first quote arrives.
    let step = 0;
    const message = await eventually(async () => received ?? (await setPrice(SYMBOL, 'SPOT', PRICE + ++step), received),
        `a bookTicker message for ${SYMBOL}`);

    assert.ok(Number(message.b) > 0 && Number(message.a) >= Number(message.b), JSON.stringify(message));
    assert.ok(message.B !== undefined && message.A !== undefined, JSON.stringify(message));
});
