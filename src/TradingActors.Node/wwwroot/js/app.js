// The dashboard: reads the management API, follows the journal's tag streams (server-sent events) and re-reads a
// list when an event says it changed; actions go through the same API with the session's bearer token.
import { get, post, setToken, token } from './api.js';
import { drawEquity } from './chart.js';
import { $, $$, clearErrors, duration, h, money, num, pnlCell, showError, time } from './dom.js';

const state = { detailId: null, reconcileMode: null };

// ---- views -------------------------------------------------------------------------------------------------------

function positionRow(p) {
  const open = !['Closed', 'EntryFailed', 'RolledBack', 'OrphanClosed'].includes(p.state);
  const closeForm = h('form', { class: 'row-action', onsubmit: (e) => closePosition(e, p.id) },
    h('button', { type: 'submit', class: 'warn small', 'aria-label': `close ${p.symbol}` }, 'Close'),
    h('small', { class: 'error', 'data-error-for': 'form', role: 'alert' }));
  return h('tr', { dataset: { id: p.id, state: p.state }, class: 'clickable', onclick: (e) => { if (!e.target.closest('form')) showDetail(p.id); } },
    h('td', {}, p.market), h('td', {}, p.symbol), h('td', { class: p.direction === 'Long' ? 'gain' : 'loss' }, p.direction),
    h('td', { class: 'state' }, h('span', { class: `pill ${p.state}` }, p.state)),
    h('td', { class: 'num' }, num(p.quantity || p.requestedQuantity)), h('td', { class: 'num' }, num(p.entryPrice || null)),
    h('td', { class: 'num' }, num(p.stopPrice), p.protections?.length ? h('span', { class: 'armed', title: 'stop armed on the exchange' }, ' ●') : ''),
    h('td', { class: 'num' }, num(p.takeProfitPrice)),
    pnlCell(p.unrealizedPnl), pnlCell(p.realizedPnl),
    h('td', { class: 'age', dataset: { since: p.openedAt } }, duration(Date.now() - Date.parse(p.openedAt))),
    h('td', {}, open ? closeForm : ''));
}

function finishedRow(p) {
  return h('tr', { dataset: { id: p.id, state: p.state }, class: 'clickable', onclick: () => showDetail(p.id) },
    h('td', {}, p.market), h('td', {}, p.symbol), h('td', { class: p.direction === 'Long' ? 'gain' : 'loss' }, p.direction),
    h('td', {}, h('span', { class: `pill ${p.state}` }, p.state)),
    h('td', { class: 'num' }, num(p.quantity || p.requestedQuantity)), h('td', { class: 'num' }, num(p.entryPrice || null)),
    h('td', { class: 'num' }, num(p.exitPrice)), pnlCell(p.realizedPnl), h('td', {}, p.closeReason ?? '—'),
    h('td', {}, time(p.closedAt)), h('td', {}, duration(Date.parse(p.closedAt) - Date.parse(p.openedAt))));
}

function fillTable(table, rows) {
  $('tbody', table).replaceChildren(...rows);
  const empty = table.closest('.card').querySelector('.empty');
  if (empty) {
    empty.hidden = rows.length > 0;
  }
}

async function loadPositions() {
  const [open, finished] = await Promise.all([get('/positions?state=open&limit=1000'), get('/positions?state=finished&limit=1000')]);
  if (open.ok) {
    fillTable($('#open-positions'), open.body.map(positionRow));
    $('#open-count').textContent = `(${open.body.length})`;
  }
  if (finished.ok) {
    fillTable($('#finished-positions'), finished.body.slice(0, 100).map(finishedRow));
    $('#finished-count').textContent = `(${finished.body.length})`;
    drawEquityOf(finished.body);
  }
  $('#open').dataset.loaded = 'true';
  return [...(open.ok ? open.body : []), ...(finished.ok ? finished.body : [])];
}

function drawEquityOf(finished) {
  const closed = finished.filter((p) => p.closedAt).sort((a, b) => Date.parse(a.closedAt) - Date.parse(b.closedAt));
  let equity = 0;
  const points = closed.map((p) => {
    equity += Number(p.realizedPnl);
    return { at: new Date(p.closedAt), equity, label: `${p.symbol} ${money(p.realizedPnl)}` };
  });
  const total = $('#equity-total');
  total.textContent = money(equity);
  total.className = `num ${equity > 0 ? 'gain' : equity < 0 ? 'loss' : ''}`;
  drawEquity($('#equity-chart'), points);
}

async function showDetail(id) {
  state.detailId = id;
  const section = $('#detail');
  section.hidden = false;
  $('#detail-id').textContent = id;
  for (const form of $$('form', section)) {
    clearErrors(form);
  }
  await loadDetail();
  section.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

async function loadDetail() {
  const id = state.detailId;
  if (!id) {
    return;
  }
  const result = await get(`/positions/${encodeURIComponent(id)}`);
  if (!result.ok || state.detailId !== id) {
    return;
  }
  const { position: p, events } = result.body;
  const facts = [
    ['Market', p.market], ['Symbol', p.symbol], ['Side', p.direction], ['State', p.state], ['Origin', p.origin],
    ['Quantity', `${num(p.quantity)} of ${num(p.requestedQuantity)}`], ['Entry', num(p.entryPrice || null)], ['Stop', num(p.stopPrice)],
    ['Take profit', num(p.takeProfitPrice)], ['Unrealized', money(p.unrealizedPnl)], ['Realized', money(p.realizedPnl)],
    ['Fees', num(p.fees)], ['Opened', time(p.openedAt)], ['Closed', time(p.closedAt)], ['Close reason', p.closeReason ?? '—'],
    ['Protections', p.protections.map((x) => `${x.kind} @ ${num(x.triggerPrice)}`).join(', ') || '—'],
  ];
  $('#detail-facts').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const open = !['Closed', 'EntryFailed', 'RolledBack', 'OrphanClosed'].includes(p.state);
  $('#stop-form').hidden = !open;
  $('#detail-close-form').hidden = !open;
  $('#timeline').replaceChildren(...events.map((e) => h('li', {},
    h('time', { datetime: e.timestamp }, time(e.timestamp)), ' ', h('strong', {}, e.type), ' ',
    h('span', { class: 'muted' }, summary(e.event)))));
}

/** The scalar fields of an event, "name=value", for a one-line timeline entry. */
function summary(event) {
  if (!event || typeof event !== 'object') {
    return '';
  }
  return Object.entries(event)
    .filter(([k, v]) => v !== null && typeof v !== 'object' && k !== 'at')
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

async function loadOrders() {
  const result = await get('/orders');
  if (!result.ok) {
    return;
  }
  const rows = result.body.flatMap((i) => [
    h('tr', { class: 'intent', dataset: { id: i.id } },
      h('td', {}, h('code', {}, i.id)), h('td', {}, i.market), h('td', {}, i.symbol), h('td', {}, i.type),
      h('td', {}, h('span', { class: `pill ${i.status}` }, i.status)), h('td', {}), h('td', { class: 'num' }, num(i.filledQuantity)),
      h('td', { class: 'num' }, num(i.averagePrice || null)), h('td', {}, i.owner ?? i.reason)),
    ...i.legs.map((l) => h('tr', { class: 'leg' },
      h('td', {}, `↳ ${l.leg}`), h('td', {}), h('td', {}), h('td', {}, `${l.kind} ${l.side}`),
      h('td', {}, l.status ?? 'unsent'), h('td', { class: 'num' }, num(l.quantity)), h('td', { class: 'num' }, num(l.executedQuantity)),
      h('td', { class: 'num' }, num(l.price)), h('td', {}, h('code', {}, l.clientOrderId)))),
  ]);
  fillTable($('#intents'), rows);
}

async function loadSignals() {
  const result = await get('/signals');
  if (!result.ok) {
    return;
  }
  const recent = [...result.body].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, 50);
  fillTable($('#signal-list'), recent.map((s) => h('tr', {},
    h('td', {}, time(s.at)), h('td', {}, s.strategy), h('td', {}, s.side), h('td', { class: 'num' }, `${Math.round(Number(s.confidence) * 100)} %`),
    h('td', { class: 'wrap' }, s.decision), h('td', { class: 'num' }, num(s.price)), h('td', { class: 'num' }, num(s.quantity)),
    h('td', {}, h('code', {}, s.revision)), h('td', {}, s.position ? h('code', {}, s.position) : '—'))));
}

async function loadRisk() {
  const result = await get('/risk');
  if (!result.ok) {
    return;
  }
  const r = result.body;
  const facts = [
    ['Kill switch', r.killSwitchEngaged ? 'ENGAGED' : 'off'], ['Entries', r.entriesHalted ? 'halted' : 'allowed'],
    ['Realized today', money(r.dailyRealizedPnl)], ['Daily loss limit', num(r.limits.dailyLossLimit)],
    ['Max open positions', r.limits.maxOpenPositions], ['Max notional / symbol', num(r.limits.maxNotionalPerSymbol)],
    ['Max total exposure', num(r.limits.maxTotalExposure)], ['Max leverage', `${num(r.limits.maxLeverage)}×`],
  ];
  $('#risk-state').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { class: v === 'ENGAGED' || v === 'halted' ? 'loss' : '' }, v)]));
  $('#risk').dataset.killSwitch = r.killSwitchEngaged ? 'engaged' : 'off';
  const limit = Number(r.limits.dailyLossLimit);
  const used = Number(r.dailyLossUsed);
  const meter = $('#daily-loss');
  meter.max = limit > 0 ? limit : 1;
  meter.high = meter.max * 0.7;
  meter.optimum = 0;
  meter.value = Math.min(used, meter.max);
  $('#daily-loss-text').textContent = limit > 0 ? `${num(used.toFixed(2))} / ${num(limit)}` : 'no limit';
}

function reconcileReport(report, heading) {
  const counts = ['matched', 'adopted', 'cancelled', 'closed', 'corrected', 'rearmed', 'alerts']
    .map((k) => h('span', { class: 'count' }, h('strong', {}, report[k]), ` ${k}`));
  const findings = report.findings.filter((f) => f.kind !== 'Matched');
  return h('div', { class: 'report', dataset: { dryRun: report.dryRun } },
    h('p', {}, h('strong', {}, heading), ` run ${report.run}, ${report.mode}${report.dryRun ? ' (dry run)' : ''}, ${report.trigger}, ${time(report.finishedAt)}`),
    h('p', { class: 'counts' }, counts),
    findings.length
      ? h('ul', { class: 'findings' }, findings.map((f) => h('li', { class: f.severity ? 'alert' : '' },
        h('span', { class: 'pill' }, f.kind), ` ${f.market} ${f.subject}: ${f.detail}`)))
      : h('p', { class: 'muted' }, 'Nothing to act on.'),
    report.errors.length ? h('ul', { class: 'errors' }, report.errors.map((e) => h('li', { class: 'loss' }, e))) : '');
}

async function loadReconcile() {
  const result = await get('/reconcile/last');
  $('#reconcile-last').replaceChildren(result.ok ? reconcileReport(result.body, 'Last:') : h('p', { class: 'muted' }, 'No reconciliation has run yet.'));
}

function addAlert(data) {
  const e = data.event ?? {};
  const list = $('#alert-list');
  const message = e.message ?? e.detail ?? summary(e);
  list.prepend(h('li', { class: `alert ${e.severity ?? ''}` },
    h('time', {}, time(e.at ?? e.timestamp)), ' ', h('strong', {}, e.severity ?? data.type), ' ', message,
    h('small', { class: 'muted' }, ` (${data.persistenceId})`)));
  while (list.children.length > 50) {
    list.lastElementChild.remove();
  }
  $('#alerts .empty').hidden = true;
}

/** Shown only where the node answers GET /cluster/members (Akka Management's shape: selfNode, members, leader...). */
async function loadMembers() {
  const result = await get('/cluster/members');
  const members = result.body?.members;
  if (!result.ok || !Array.isArray(members)) {
    return;
  }
  const unreachable = new Set((result.body.unreachable ?? []).map((u) => u.node));
  const table = $('#member-list');
  $('thead', table).replaceChildren(h('tr', {}, ['Node', 'Status', 'Roles', ''].map((k) => h('th', {}, k))));
  $('tbody', table).replaceChildren(...members.map((m) => h('tr', {},
    h('td', {}, h('code', {}, m.node)),
    h('td', { class: unreachable.has(m.node) ? 'loss' : m.status === 'Up' ? 'gain' : '' }, unreachable.has(m.node) ? `${m.status}, unreachable` : m.status),
    h('td', {}, (m.roles ?? []).join(', ')),
    h('td', { class: 'muted' }, [m.node === result.body.selfNode ? 'this node' : '', m.node === result.body.leader ? 'leader' : '', m.node === result.body.oldest ? 'oldest (singletons)' : '']
      .filter(Boolean).join(', ')))));
  $('#members').hidden = false;
}

async function loadReady() {
  const result = await get('/ready');
  const badge = $('#node-status');
  badge.dataset.state = result.ok ? 'ok' : 'bad';
  badge.textContent = result.ok ? 'ready' : result.status === 0 ? 'unreachable' : 'not ready';
  badge.title = (result.body?.checks ?? []).map((c) => `${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`).join('\n');
}

// ---- live updates ------------------------------------------------------------------------------------------------

/** Coalesces bursts (a replayed journal, a kill switch closing everything) into one re-read. */
function debounced(action, ms = 150) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, ms);
  };
}

// Positions announced by an event (or opened here) that the list did not show yet: the list is a projection of the
// same journal and may trail the event by a moment, so it is read again, a few times at most.
const pendingIds = new Set();
let pendingRetries = 0;

const refreshPositions = debounced(async () => {
  const listed = new Set((await loadPositions()).map((p) => p.id));
  loadRisk();
  for (const id of [...pendingIds]) {
    if (listed.has(id)) {
      pendingIds.delete(id);
    }
  }
  if (pendingIds.size && pendingRetries++ < 10) {
    setTimeout(refreshPositions, 200);
  } else {
    pendingIds.clear();
    pendingRetries = 0;
  }
});
const refreshDetail = debounced(loadDetail);
const refreshOrders = debounced(loadOrders, 250);
const refreshSignals = debounced(loadSignals, 250);
const refreshReconcile = debounced(loadReconcile, 250);

const onTag = {
  positions: (data) => {
    const id = data.persistenceId.replace(/^position-/, '');
    if (data.type === 'PositionOpened') {
      pendingIds.add(id);
    }
    refreshPositions();
    if (id === state.detailId) {
      refreshDetail();
    }
  },
  'orders:executed': refreshOrders,
  'risk:sl_arm': refreshPositions,
  signals: refreshSignals,
  'strategy:reconciled': refreshReconcile,
  alerts: addAlert,
};

/** One EventSource for every tag (a browser opens at most six connections to a host); it resumes by itself. */
function startStream() {
  const query = Object.keys(onTag).map((t) => `tag=${encodeURIComponent(t)}`).join('&');
  const source = new EventSource(`/events/tags?${query}`);
  const badge = $('#live-status');
  source.onopen = () => {
    badge.dataset.state = 'ok';
    badge.textContent = 'live';
    // Whatever changed while disconnected is replayed from the last ids; the lists are re-read once anyway.
    refreshPositions();
    refreshOrders();
  };
  source.onerror = () => {
    badge.dataset.state = source.readyState === EventSource.CLOSED ? 'bad' : 'unknown';
    badge.textContent = 'live: reconnecting';
  };
  source.onmessage = (message) => {
    const data = JSON.parse(message.data);
    onTag[data.tag]?.(data);
  };
}

// ---- actions -----------------------------------------------------------------------------------------------------

function busy(form, on) {
  for (const button of form.querySelectorAll('button')) {
    button.disabled = on;
  }
}

/** Sends an action for a form, showing its error next to the field the API names; answers the result. */
async function act(form, path, body) {
  busy(form, true);
  try {
    const result = await post(path, body);
    showError(form, result);
    if (result.status === 401) {
      $('[data-error-for="token"]').textContent = 'the node refused this token';
      $('#token').setAttribute('aria-invalid', 'true');
    }
    return result;
  } finally {
    busy(form, false);
  }
}

async function closePosition(event, id) {
  event.preventDefault();
  const form = event.currentTarget;
  const result = await act(form, `/positions/${encodeURIComponent(id)}/close`);
  if (result.ok) {
    form.replaceChildren(h('small', { class: 'muted' }, result.body.result === 'accepted' ? 'closing…' : result.body.result));
  } else if (result.status === 409) {
    form.querySelector('[data-error-for="form"]').textContent = `not open (${result.body.state ?? result.body.error})`;
  }
  refreshPositions();
}

function wireActions() {
  $('#token').value = token();
  const tokenState = () => { $('#token-state').textContent = token() ? 'token set for this session' : 'no token'; };
  tokenState();
  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken($('#token').value.trim());
    // Errors the old token caused are stale now.
    for (const form of $$('form')) {
      clearErrors(form);
    }
    tokenState();
  });

  $('#open-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = {};
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim() !== '') {
        body[name] = String(value).trim();
      }
    }
    const result = await act(form, '/positions', body);
    const note = $('.result', form);
    note.textContent = '';
    if (result.ok) {
      note.textContent = `accepted: ${result.body.id}`;
      pendingIds.add(result.body.id);
      refreshPositions();
    } else if (result.body?.result === 'denied') {
      $('[data-error-for="form"]', form).textContent = `denied by risk: ${result.body.error}`;
    }
  });

  $('#stop-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const stopPrice = form.elements.stopPrice.value.trim();
    const result = await act(form, `/positions/${encodeURIComponent(state.detailId)}/stop`, stopPrice === '' ? {} : { stopPrice });
    if (result.status === 409) {
      $('[data-error-for="stopPrice"]', form).textContent = `rejected: ${result.body.reason ?? result.body.error}`;
    }
    refreshDetail();
  });

  $('#detail-close-form').addEventListener('submit', (event) => closePosition(event, state.detailId));
  $('#detail-hide').addEventListener('click', () => {
    state.detailId = null;
    $('#detail').hidden = true;
  });

  const reconcileForm = $('#reconcile-form');
  const apply = $('#reconcile-apply');
  reconcileForm.elements.mode.addEventListener('change', () => { apply.disabled = true; });
  reconcileForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const mode = reconcileForm.elements.mode.value;
    const result = await act(reconcileForm, '/reconcile', { mode, dryRun: true });
    if (result.ok) {
      $('#reconcile-preview').replaceChildren(reconcileReport(result.body, 'Dry run:'));
      state.reconcileMode = mode;
      apply.disabled = false;
      apply.title = `reconcile ${mode} for real`;
    }
  });
  apply.addEventListener('click', async () => {
    const result = await act(reconcileForm, '/reconcile', { mode: state.reconcileMode, dryRun: false });
    apply.disabled = true;
    if (result.ok) {
      $('#reconcile-preview').replaceChildren(reconcileReport(result.body, 'Applied:'));
      refreshReconcile();
      refreshPositions();
    }
  });

  const killForm = $('#kill-form');
  const dialog = $('#kill-dialog');
  killForm.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(killForm);
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'confirm') {
      return;
    }
    const result = await act(killForm, '/kill-switch');
    if (result.ok) {
      $('#kill-result').textContent = `engaged: ${result.body.closedPositions} positions closing, ${result.body.cancelledOrders} orders cancelled`;
    }
    loadRisk();
    refreshPositions();
  });
}

// ---- start -------------------------------------------------------------------------------------------------------

function tickAges() {
  for (const cell of $$('td.age')) {
    cell.textContent = duration(Date.now() - Date.parse(cell.dataset.since));
  }
}

async function start() {
  wireActions();
  await Promise.all([loadReady(), loadPositions(), loadRisk()]);
  await Promise.all([loadOrders(), loadSignals(), loadReconcile(), loadMembers()]);
  startStream();
  setInterval(tickAges, 1000);
  setInterval(loadReady, 15000);
  // Unrealized PnL moves with the price, which no journal event carries: the open list (one request) is re-read
  // now and then; everything else changes only with an event.
  setInterval(() => { if (!document.hidden) refreshPositions(); }, 10000);
  document.body.dataset.ready = 'true';
}

start();
