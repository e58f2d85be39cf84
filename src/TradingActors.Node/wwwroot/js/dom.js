// Small DOM and formatting helpers. Data from the API only ever reaches the page as text, never as markup.

/** Creates an element: h('td', {class: 'num'}, 'text', child, ...). Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 8 });
const moneyFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function num(value) {
  return value === null || value === undefined ? '—' : numberFormat.format(Number(value));
}

export function money(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  const n = Number(value);
  return (n > 0 ? '+' : '') + moneyFormat.format(n);
}

/** A cell for a PnL figure, coloured by its sign. */
export function pnlCell(value) {
  const n = Number(value ?? 0);
  return h('td', { class: `num ${n > 0 ? 'gain' : n < 0 ? 'loss' : ''}` }, money(value));
}

export function time(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}

/** "3 s", "4 min", "2 h 5 min", "3 d 4 h": for ages and holding times. */
export function duration(ms) {
  if (!Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  if (hours < 24) return `${hours} h ${m % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Clears a form's error messages, then shows an API error next to the field it names (or at the form's end). */
export function showError(form, result) {
  clearErrors(form);
  if (!result || result.ok) {
    return;
  }
  const message = result.body?.error ?? `HTTP ${result.status}`;
  const field = result.body?.field;
  const slot = (field && form.querySelector(`[data-error-for="${CSS.escape(field)}"]`)) || form.querySelector('[data-error-for="form"]');
  if (slot) {
    slot.textContent = message;
  }
  const input = field && form.elements.namedItem(field);
  if (input instanceof Element) {
    input.setAttribute('aria-invalid', 'true');
  }
}

export function clearErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    slot.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
  }
}
