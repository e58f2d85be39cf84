// Drives the node's dashboard in the system's headless Chromium (playwright-core, no browser download) against a
// running paper node. Configured by the environment:
//   DASHBOARD_URL            the management address (http://127.0.0.1:port/)
//   DASHBOARD_TOKEN          the management token
//   DASHBOARD_SIMULATOR_URL  the node's in-process simulator, for prices
//   DASHBOARD_SCREENSHOT     where to write the 1280-wide screenshot (optional); DASHBOARD_SCREENSHOT_PHONE and
//                            DASHBOARD_SCREENSHOT_DARK likewise
//   DASHBOARD_SIGNAL_WAIT_MS how long to wait for the node's strategies to signal before the screenshot (default 0)
//   CHROMIUM                 the browser (default /usr/bin/chromium)
// Prints "ok - <step>" per step and a last line "RESULT <json>" with the ids it used, for the C# test to check on
// the simulator; exits 1 at the first failure ("not ok - <step>: <why>").
import { chromium } from 'playwright-core';

const base = new URL(process.env.DASHBOARD_URL ?? fail('DASHBOARD_URL is not set'));
const goodToken = process.env.DASHBOARD_TOKEN ?? fail('DASHBOARD_TOKEN is not set');
const simulator = new URL(process.env.DASHBOARD_SIMULATOR_URL ?? fail('DASHBOARD_SIMULATOR_URL is not set'));
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function fail(message) {
  throw new Error(message);
}

// ---- the management API and the simulator, from outside the page -----------------------------------------------

async function api(method, path, body, token = goodToken) {
  const response = await fetch(new URL(path, base), {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function price(market, symbol) {
  const path = market === 'futures' ? '/fapi/v1/ticker/price' : '/api/v3/ticker/price';
  const response = await fetch(new URL(`${path}?symbol=${symbol}`, simulator));
  return Number((await response.json()).price);
}

const position = async (id) => (await api('GET', `/positions/${id}`)).body.position;

async function eventually(what, check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} (not within ${timeoutMs} ms)`);
}

// ---- the browser ----------------------------------------------------------------------------------------------------

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: flags });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
const page = await context.newPage();

// Every console error and uncaught exception is a failure, except the answers a phase expects: a single node has no
// /cluster/members (404: the section stays hidden) and a young one no /reconcile/last (404), and the wrong-token
// phase is answered 401. Chromium reports each refused fetch as "Failed to load resource".
const problems = [];
let expectedStatuses = [404];
const expectedPaths = { 404: ['/cluster/members', '/reconcile/last'], 401: ['/positions', '/kill-switch'], 400: ['/positions', '/stop'] };
page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
page.on('console', (message) => {
  if (message.type() !== 'error') {
    return;
  }
  const status = Number(/status of (\d+)/.exec(message.text())?.[1]);
  const path = new URL(message.location().url || base).pathname;
  const expected = expectedStatuses.includes(status) && (expectedPaths[status] ?? []).some((p) => path.includes(p));
  if (!expected) {
    problems.push(`console: ${message.text()} (${message.location().url})`);
  }
});

const result = {};
let step = 'start';

async function check(name, action) {
  step = name;
  await action();
  if (problems.length) {
    throw new Error(problems.join('\n'));
  }
  console.log(`ok - ${name}`);
}

const row = (table, id) => page.locator(`#${table} tbody tr[data-id="${id}"]`);

try {
  await check('the page loads with no console errors and follows the journal live', async () => {
    await page.goto(base.href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    await page.waitForSelector('#live-status[data-state="ok"]', { timeout: 10000 });
    await page.waitForSelector('#node-status[data-state="ok"]', { timeout: 10000 });
    await page.waitForSelector('#risk-state dd', { timeout: 5000 });
    // The node serves /cluster/members: the cluster section lists this one member.
    await page.waitForSelector('#members:not([hidden])', { timeout: 10000 });
  });

  await check('a position opened through the API appears within 2 s without a reload', async () => {
    const eth = await price('futures', 'ETHUSDT');
    const opened = await api('POST', '/positions', {
      market: 'futures', symbol: 'ETHUSDT', side: 'long', quantity: '0.1', stopPrice: (eth * 0.9).toFixed(2), policy: 'market',
    });
    if (opened.status !== 202) {
      throw new Error(`open answered ${opened.status} ${JSON.stringify(opened.body)}`);
    }
    const started = Date.now();
    result.apiOpened = opened.body.id;
    await row('open-positions', opened.body.id).waitFor({ timeout: 2000 });
    result.appearedMs = Date.now() - started;
  });

  await check('a wrong token shows an error and changes nothing', async () => {
    expectedStatuses = [404, 401];
    // The example strategies may trade meanwhile: what the page could have changed are the manual positions.
    const manual = async () => (await api('GET', '/positions?state=all&limit=1000')).body
      .filter((p) => p.origin === 'manual').map((p) => `${p.id}:${p.state}`).sort();
    const before = await manual();
    await page.fill('#token', 'wrong-token-0000000000000000');
    await page.click('#token-form button[type="submit"]');
    await page.selectOption('#open-form select[name="market"]', 'spot');
    await page.fill('#open-form input[name="symbol"]', 'BTCUSDT');
    await page.fill('#open-form input[name="quantity"]', '0.001');
    await page.click('#open-form button[type="submit"]');
    await page.waitForSelector('#open-form [data-error-for="form"]:has-text("token")', { timeout: 5000 });
    await page.waitForSelector('[data-error-for="token"]:has-text("refused")', { timeout: 1000 });
    await row('open-positions', result.apiOpened).locator('form.row-action button').click();
    await row('open-positions', result.apiOpened).locator('[data-error-for="form"]:has-text("token")').waitFor({ timeout: 5000 });
    await page.click('#kill-switch');
    await page.click('#kill-confirm');
    await page.waitForSelector('#kill-form [data-error-for="form"]:has-text("token")', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await manual();
    // The API-opened position may have moved from PendingEntry to Active meanwhile: that is the node, not us.
    const strip = (list) => list.map((s) => s.replace(/:(PendingEntry|Active)$/, ':open'));
    if (JSON.stringify(strip(before)) !== JSON.stringify(strip(after))) {
      throw new Error(`positions changed: ${before} -> ${after}`);
    }
    const risk = (await api('GET', '/risk')).body;
    if (risk.killSwitchEngaged) {
      throw new Error('the kill switch was engaged with a wrong token');
    }
    expectedStatuses = [404];
  });

  await check('an API error appears next to the field that caused it', async () => {
    expectedStatuses = [404, 400];
    await page.fill('#token', goodToken);
    await page.click('#token-form button[type="submit"]');
    await page.fill('#open-form input[name="quantity"]', '-1');
    await page.click('#open-form button[type="submit"]');
    await page.waitForSelector('#open-form [data-error-for="quantity"]:has-text("positive")', { timeout: 5000 });
    if ((await page.locator('#open-form [data-error-for="form"]').textContent()) !== '') {
      throw new Error('the field error also shows at the form');
    }
    expectedStatuses = [404];
  });

  await check('a position opened from the page appears', async () => {
    await page.fill('#open-form input[name="quantity"]', '0.001');
    await page.click('#open-form button[type="submit"]');
    const note = page.locator('#open-form .result');
    await note.filter({ hasText: 'accepted' }).waitFor({ timeout: 5000 });
    result.pageOpened = (await note.textContent()).replace('accepted: ', '').trim();
    await row('open-positions', result.pageOpened).waitFor({ timeout: 2000 });
  });

  await check('closing from the page closes the position', async () => {
    // Closed once its stop is armed, as an operator would: closing while the stop is armed is the core's concern.
    await eventually('the API-opened position never became active with its stop armed',
      async () => { const p = await position(result.apiOpened); return p.state === 'Active' && p.protections.length > 0; });
    await row('open-positions', result.apiOpened).locator('form.row-action button').click();
    await eventually('the position was not closed', async () => (await position(result.apiOpened)).state === 'Closed');
    await row('finished-positions', result.apiOpened).waitFor({ timeout: 3000 });
    await row('open-positions', result.apiOpened).waitFor({ state: 'detached', timeout: 3000 });
    result.closed = result.apiOpened;
  });

  await check('the timeline shows the closed position\'s journal', async () => {
    await row('finished-positions', result.closed).click();
    await page.waitForSelector('#timeline li:has-text("PositionOpened")', { timeout: 5000 });
    await page.waitForSelector('#timeline li:has-text("PositionClosed")', { timeout: 5000 });
  });

  await check('a reconciliation is dry-run first, then applied', async () => {
    await page.selectOption('#reconcile-form select[name="mode"]', 'FUT');
    await page.click('#reconcile-form button[name="dry"]');
    await page.waitForSelector('#reconcile-preview .report[data-dry-run="true"]', { timeout: 30000 });
    await page.click('#reconcile-apply');
    await page.waitForSelector('#reconcile-preview .report[data-dry-run="false"]', { timeout: 30000 });
    await page.waitForSelector('#reconcile-last .report', { timeout: 5000 });
  });

  await check('the equity chart shows the finished position', async () => {
    await page.waitForSelector('#equity-chart svg circle', { timeout: 5000 });
  });

  const signalWait = Number(process.env.DASHBOARD_SIGNAL_WAIT_MS ?? 0);
  if (signalWait > 0) {
    await check('the strategies\' signals arrive live', async () => {
      await page.waitForSelector('#signal-list tbody tr', { timeout: signalWait });
    });
  }

  if (process.env.DASHBOARD_SCREENSHOT) {
    await check('screenshot at 1280 wide', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT, fullPage: true });
    });
  }

  if (process.env.DASHBOARD_SCREENSHOT_DARK) {
    await check('screenshot in dark', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT_DARK, fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });
    });
  }

  await check('the kill switch from the page, after its confirmation, flattens the node', async () => {
    await page.click('#kill-switch');
    await page.click('#kill-dialog button[value="cancel"]');
    await new Promise((resolve) => setTimeout(resolve, 300));
    if ((await api('GET', '/risk')).body.killSwitchEngaged) {
      throw new Error('cancelling the confirmation engaged the kill switch');
    }
    await page.click('#kill-switch');
    await page.click('#kill-confirm');
    await page.waitForSelector('#kill-result:has-text("engaged")', { timeout: 30000 });
    await page.waitForSelector('#risk[data-kill-switch="engaged"]', { timeout: 5000 });
    await eventually('positions stayed open after the kill switch',
      async () => (await api('GET', '/positions?state=open')).body.length === 0, 30000);
    await page.waitForSelector('#open-positions tbody tr', { state: 'detached', timeout: 5000 });
  });

  await check('usable at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) {
      throw new Error(`the page is ${overflow}px wider than the phone`);
    }
    if (process.env.DASHBOARD_SCREENSHOT_PHONE) {
      await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT_PHONE, fullPage: false });
    }
  });

  console.log(`RESULT ${JSON.stringify(result)}`);
} catch (error) {
  console.log(`not ok - ${step}: ${error.message}`);
  if (problems.length) {
    console.log(problems.join('\n'));
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
