// USD-M futures scenarios, driven through @binance/derivatives-trading-usds-futures unchanged but for its base URLs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientId, eventually, futuresClient, nextMessage, rejection, setPrice } from './lib/sim.mjs';

const SYMBOL = 'ETHUSDT';
// Literal prices, not PRICE * factor: binary floating point would send 3300.0000000000005.
const PRICE = 3000;
const futures = futuresClient();
const api = futures.restAPI;
const closers = [];

async function positionAmount() {
    const positions = await (await api.positionInformationV3({ symbol: SYMBOL })).data();
    return positions.reduce((sum, p) => sum + Number(p.positionAmt), 0);
}

async function flatten() {
    const amount = await positionAmount();
    if (amount !== 0) {
        await (await api.newOrder({
            symbol: SYMBOL, side: amount > 0 ? 'SELL' : 'BUY', type: 'MARKET', quantity: Math.abs(amount), reduceOnly: 'true',
        })).data();
    }
}

before(async () => {
    await setPrice(SYMBOL, 'FUTURES', PRICE);
    await flatten();
});

after(async () => {
    for (const close of closers) {
        await close();
    }
});

test('futures server time is close to the local clock', async () => {
    const data = await (await api.checkServerTime()).data();

    assert.ok(Math.abs(data.serverTime - Date.now()) < 60_000, `serverTime ${data.serverTime} vs local ${Date.now()}`);
});

test('futures exchangeInfo describes the perpetual contract with its filters', async () => {
    const data = await (await api.exchangeInformation()).data();

    const symbol = data.symbols.find((s) => s.symbol === SYMBOL);
    assert.ok(symbol, `no ${SYMBOL} in ${JSON.stringify(data.symbols.map((s) => s.symbol))}`);
    assert.equal(symbol.contractType, 'PERPETUAL');
    assert.equal(symbol.marginAsset, 'USDT');
    const filters = symbol.filters.map((f) => f.filterType);
    for (const filter of ['PRICE_FILTER', 'LOT_SIZE', 'MARKET_LOT_SIZE']) {
        assert.ok(filters.includes(filter), `missing ${filter} in ${filters}`);
    }
});

test('futures leverage and isolated margin type can be set', async () => {
    const leverage = await (await api.changeInitialLeverage({ symbol: SYMBOL, leverage: 20 })).data();
    await api.changeMarginType({ symbol: SYMBOL, marginType: 'CROSSED' }).then((r) => r.data(), (e) => e);

    const changed = await (await api.changeMarginType({ symbol: SYMBOL, marginType: 'ISOLATED' })).data();
    const unchanged = await rejection(() => api.changeMarginType({ symbol: SYMBOL, marginType: 'ISOLATED' }));

    assert.equal(leverage.leverage, 20);
    assert.equal(leverage.symbol, SYMBOL);
    assert.equal(changed.code, 200, JSON.stringify(changed));
    assert.equal(unchanged.code, -4046, `${unchanged.name}: ${unchanged.message}`);
});

test('a futures LIMIT order rests, is found by query and is cancelled', async () => {
    const id = clientId('fl');

    const placed = await (await api.newOrder({
        symbol: SYMBOL, side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: 0.01, price: 2400, newClientOrderId: id,
    })).data();
    const queried = await (await api.queryOrder({ symbol: SYMBOL, origClientOrderId: id })).data();
    const cancelled = await (await api.cancelOrder({ symbol: SYMBOL, orderId: placed.orderId })).data();

    assert.equal(placed.status, 'NEW');
    assert.equal(placed.clientOrderId, id);
    assert.equal(queried.orderId, placed.orderId);
    assert.equal(queried.status, 'NEW');
    assert.equal(cancelled.status, 'CANCELED');
});

test('a futures MARKET order fills and opens a position that positionRisk reports', async () => {
    const placed = await (await api.newOrder({
        symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.01, newClientOrderId: clientId('fm'), newOrderRespType: 'RESULT',
    })).data();

    assert.equal(placed.status, 'FILLED', JSON.stringify(placed));
    assert.equal(Number(placed.executedQty), 0.01);
    const position = await eventually(async () => {
        const positions = await (await api.positionInformationV3({ symbol: SYMBOL })).data();
        return positions.find((p) => Number(p.positionAmt) === 0.01);
    }, 'a 0.01 long in positionRisk');
    assert.equal(position.symbol, SYMBOL);
    assert.ok(Number(position.entryPrice) > 0);
    await flatten();
});

test('a futures GTX (post-only) order that would cross is rejected with -5022', async () => {
    const error = await rejection(() => api.newOrder({
        symbol: SYMBOL, side: 'BUY', type: 'LIMIT', timeInForce: 'GTX', quantity: 0.01, price: 3050, newClientOrderId: clientId('fp'),
    }));

    assert.equal(error.code, -5022, `${error.name}: ${error.message}`);
});

test('a reduce-only STOP_MARKET algo order on MARK_PRICE is placed, queried and closes the position when triggered', async () => {
    await (await api.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.02 })).data();
    const id = clientId('fa');

    const placed = await (await api.newAlgoOrder({
        algoType: 'CONDITIONAL',
        symbol: SYMBOL,
        side: 'SELL',
        type: 'STOP_MARKET',
        quantity: 0.02,
        triggerPrice: 2700,
        workingType: 'MARK_PRICE',
        reduceOnly: 'true',
        clientAlgoId: id,
    })).data();
    const queried = await (await api.queryAlgoOrder({ algoId: placed.algoId })).data();

    assert.equal(placed.clientAlgoId, id);
    assert.equal(placed.orderType ?? placed.type, 'STOP_MARKET', JSON.stringify(placed));
    assert.equal(placed.workingType, 'MARK_PRICE');
    assert.equal(String(placed.reduceOnly), 'true');
    assert.equal(queried.algoId, placed.algoId);
    assert.equal(queried.algoStatus, 'NEW', JSON.stringify(queried));

    await setPrice(SYMBOL, 'FUTURES', 2550);
    await eventually(async () => (await positionAmount()) === 0, 'the stop closing the position');
    await setPrice(SYMBOL, 'FUTURES', PRICE);
});

test('a futures algo order can be cancelled', async () => {
    await (await api.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.01 })).data();
    const placed = await (await api.newAlgoOrder({
        algoType: 'CONDITIONAL', symbol: SYMBOL, side: 'SELL', type: 'STOP_MARKET', quantity: 0.01,
        triggerPrice: 1500, workingType: 'MARK_PRICE', reduceOnly: 'true', clientAlgoId: clientId('fc'),
    })).data();

    const cancelled = await (await api.cancelAlgoOrder({ algoId: placed.algoId })).data();
    const queried = await (await api.queryAlgoOrder({ algoId: placed.algoId })).data();

    assert.equal(cancelled.algoId, placed.algoId);
    assert.equal(queried.algoStatus, 'CANCELED', JSON.stringify(queried));
    await flatten();
});

test('a futures request signed with the wrong secret is rejected with -1022', async () => {
    const wrong = futuresClient({ apiSecret: 'not-the-secret' });

    const error = await rejection(() => wrong.restAPI.accountInformationV3());

    assert.equal(error.code, -1022, `${error.name}: ${error.message}`);
});

test('the futures account reports its assets and positions', async () => {
    const data = await (await api.accountInformationV3()).data();

    const usdt = data.assets.find((a) => a.asset === 'USDT');
    assert.ok(usdt && Number(usdt.walletBalance) > 0, `no USDT wallet balance in ${JSON.stringify(data.assets)}`);
    assert.ok(Number(data.availableBalance) > 0);
    assert.ok(Array.isArray(data.positions));
});

test('a futures fill arrives on the listenKey user data stream', async () => {
    const { listenKey } = await (await api.startUserDataStream()).data();
    assert.ok(listenKey, 'no listenKey');
    const connection = await futures.websocketStreams.connect();
    closers.push(() => connection.disconnect());
    const stream = connection.userData(listenKey);
    const fills = new Map();
    stream.on('message', (e) => {
        if (e.e === 'ORDER_TRADE_UPDATE' && e.o?.X === 'FILLED') {
            fills.set(e.o.c, e);
        }
    });

    // The connector subscribes to the listenKey asynchronously and does not say when that is done, so an
    // order placed at once may fill before the subscription is live: retry with a fresh order until one
    // fill is delivered.
    const ids = [];
    const delivered = () => ids.map((id) => fills.get(id)).find(Boolean);
    let event;
    for (let attempt = 0; attempt < 8 && !event; attempt++) {
        const id = clientId('fu');
        ids.push(id);
        await (await api.newOrder({ symbol: SYMBOL, side: 'BUY', type: 'MARKET', quantity: 0.01, newClientOrderId: id })).data();
        event = await eventually(delivered, `ORDER_TRADE_UPDATE FILLED for ${id}`, 1000).catch(() => undefined);
    }

    assert.ok(event, `no ORDER_TRADE_UPDATE FILLED on the user stream after ${ids.length} orders; got ${JSON.stringify([...fills.values()])}`);
    assert.equal(event.o.s, SYMBOL);
    assert.equal(event.o.x, 'TRADE');
    assert.equal(Number(event.o.z), 0.01);
    await flatten();
});

test('a futures bookTicker stream delivers quotes for the symbol', async () => {
    const connection = await futures.websocketStreams.connect();
    closers.push(() => connection.disconnect());
    const stream = connection.individualSymbolBookTickerStreams({ symbol: SYMBOL.toLowerCase() });
    let received;
    nextMessage(stream, (m) => m.s === SYMBOL, `bookTicker for ${SYMBOL}`).then((m) => { received = m; }, () => {});

    let step = 0;
    const message = await eventually(async () => received ?? (await setPrice(SYMBOL, 'FUTURES', PRICE + ++step / 10), received),
        `a bookTicker message for ${SYMBOL}`);

    assert.equal(message.e, 'bookTicker');
    assert.ok(Number(message.b) > 0 && Number(message.a) >= Number(message.b), JSON.stringify(message));
});
