// Ponte console: plain JavaScript over the operations API (/api/**). No framework, no build step, no CDN.
// The API key lives in sessionStorage (gone when the tab closes) and goes out as X-API-Key; the console can do
// exactly what that key may do. Every value from the API is inserted as text, never as HTML.
'use strict';

const KEY = 'ponte.apiKey';
const main = document.getElementById('main');
const flash = document.getElementById('flash');
let timer = null;

// ---------- small helpers ----------
function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
function when(iso) { return iso ? new Date(iso).toLocaleString() : ''; }
function statusCell(s) { return `<span class="status status-${esc(s)}">${esc(s)}</span>`; }
function say(text, isError) {
  flash.textContent = text || '';
  flash.className = isError ? 'error' : '';
}
function params(obj) {
  const p = new URLSearchParams();
  Object.entries(obj).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') p.set(k, v); });
  const s = p.toString();
  return s ? '?' + s : '';
}
function confirmAction(text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    document.getElementById('confirm-ok').focus();
  });
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const key = sessionStorage.getItem(KEY);
  const headers = { 'X-API-Key': key || '' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
  if (res.status === 401) {
    signOut('Your API key was refused (' + ((data && data.error) || 'unauthorized') + '). Sign in again.');
    throw new ApiError(401, 'unauthorized');
  }
  if (!res.ok) {
    let msg = (data && data.error) || res.statusText;
    if (res.status === 403) msg = 'Your key lacks the right for this: ' + msg;
    if (res.status === 429) msg = 'Too many requests for this key; retry in ' + (res.headers.get('Retry-After') || 'a few') + ' s.';
    throw new ApiError(res.status, msg);
  }
  return data;
}

function stopTimer() { if (timer) { clearInterval(timer); timer = null; } }
function every(ms, fn) { stopTimer(); timer = setInterval(() => { if (!document.hidden) fn(); }, ms); }

// ---------- sign-in ----------
let signInMessage = '';

function signOut(message) {
  sessionStorage.removeItem(KEY);
  stopTimer();
  document.getElementById('nav').hidden = true;
  signInMessage = message || '';
  if (location.hash === '#/sign-in') renderSignIn(); else location.hash = '#/sign-in'; // hashchange renders it
}

function renderSignIn() {
  const message = signInMessage;
  signInMessage = '';
  main.innerHTML = `
    <h2>Sign in</h2>
    <p class="muted">Use an API key from <code>ponte.api-keys</code> or one an administrator made with
      <code>POST /api/keys</code>. It is kept in this tab only.</p>
    <form id="sign-in">
      <div class="field"><label for="api-key">API key</label>
        <input id="api-key" name="key" type="password" autocomplete="off" required size="40"></div>
      <p><button class="primary" type="submit">Sign in</button></p>
      <p class="error" id="sign-in-error">${esc(message || '')}</p>
    </form>`;
  document.getElementById('api-key').focus();
  document.getElementById('sign-in').addEventListener('submit', async ev => {
    ev.preventDefault();
    sessionStorage.setItem(KEY, document.getElementById('api-key').value.trim());
    try {
      await api('GET', '/api/events?size=1');
      location.hash = '#/overview';
    } catch (e) {
      if (e.status !== 401) document.getElementById('sign-in-error').textContent = e.message;
    }
  });
}

// ---------- events ----------
const FILTERS = ['source', 'type', 'status', 'contact', 'from', 'to'];

function filterForm(id, values, statuses) {
  const v = name => esc(values[name] || '');
  return `
    <form class="filters" id="${id}" aria-label="Filters">
      <label>Source<input name="source" value="${v('source')}" placeholder="e.g. calcom"></label>
      <label>Type<input name="type" value="${v('type')}" placeholder="e.g. BOOKING_CREATED"></label>
      <label>Status<select name="status"><option value="">any</option>${statuses.map(s =>
        `<option ${values.status === s ? 'selected' : ''}>${s}</option>`).join('')}</select></label>
      <label>Contact<input name="contact" value="${v('contact')}" placeholder="phone or e-mail"></label>
      <label>From<input name="from" type="datetime-local" value="${v('from')}"></label>
      <label>To<input name="to" type="datetime-local" value="${v('to')}"></label>
      <button type="submit">Apply</button>
    </form>`;
}

function readFilters(form) {
  const out = {};
  FILTERS.forEach(name => { const el = form.elements[name]; if (el && el.value) out[name] = el.value; });
  return out;
}

function apiFilters(f) {
  const out = Object.assign({}, f);
  ['from', 'to'].forEach(k => { if (out[k]) out[k] = new Date(out[k]).toISOString(); });
  return out;
}

let eventFilters = {};

async function renderEvents() {
  main.innerHTML = `<h2>Events</h2>
    ${filterForm('event-filters', eventFilters, ['RECEIVED', 'PROCESSING', 'DONE', 'IGNORED', 'FAILED', 'ARCHIVED'])}
    <p class="muted" id="events-count"></p>
    <table><caption class="muted">Newest first; refreshed every 5 seconds</caption>
      <thead><tr><th scope="col">Received</th><th scope="col">Source</th><th scope="col">Type</th>
        <th scope="col">Status</th><th scope="col">Contact</th><th scope="col">Deliveries</th></tr></thead>
      <tbody id="events-body"></tbody></table>`;
  const form = document.getElementById('event-filters');
  form.addEventListener('submit', ev => { ev.preventDefault(); eventFilters = readFilters(form); load(); });
  async function load() {
    try {
      const page = await api('GET', '/api/events' + params(Object.assign(apiFilters(eventFilters), { size: 50 })));
      document.getElementById('events-count').textContent = `${page.total} event(s)`;
      document.getElementById('events-body').innerHTML = page.items.map(e => `
        <tr data-id="${esc(e.id)}" data-status="${esc(e.status)}">
          <td><a href="#/events/${esc(e.id)}">${esc(when(e.received_at))}</a></td>
          <td>${esc(e.source)}</td><td>${esc(e.type)}</td><td>${statusCell(e.status)}</td>
          <td>${esc(e.contact)}</td><td>${esc(e.deliveries)}</td></tr>`).join('')
        || '<tr><td colspan="6" class="muted">No events match.</td></tr>';
    } catch (e) { if (e.status !== 401) say(e.message, true); }
  }
  await load();
  every(5000, load);
}

async function renderEvent(id) {
  stopTimer();
  main.innerHTML = '<p class="muted">Loading…</p>';
  let e;
  try { e = await api('GET', '/api/events/' + encodeURIComponent(id)); } catch (err) {
    main.innerHTML = `<p class="error">${esc(err.message)}</p><p><a href="#/events">Back to events</a></p>`;
    return;
  }
  main.innerHTML = `
    <p><a href="#/events">← Events</a></p>
    <h2>Event <code>${esc(e.id)}</code></h2>
    <dl class="meta" id="event-meta">
      <dt>Status</dt><dd id="event-status">${statusCell(e.status)}</dd>
      <dt>Source / type</dt><dd>${esc(e.source)} / ${esc(e.type)}</dd>
      <dt>Contact</dt><dd>${esc(e.contact)}</dd>
      <dt>Received</dt><dd>${esc(when(e.received_at))}</dd>
      <dt>Updated</dt><dd>${esc(when(e.updated_at))}</dd>
      <dt>Idempotency key</dt><dd><code>${esc(e.idempotency_key)}</code></dd>
      <dt>Last error</dt><dd class="error">${esc(e.last_error)}</dd>
      <dt>Personal data</dt><dd>${esc(e.personal_data)}</dd>
    </dl>
    <p><button type="button" id="retry-event">Retry this event</button></p>
    <h3>Deliveries</h3>
    <table><thead><tr><th scope="col">Target / action</th><th scope="col">Status</th><th scope="col">HTTP</th>
      <th scope="col">Attempts</th><th scope="col">Error</th><th scope="col">External id</th></tr></thead>
      <tbody>${(e.deliveries || []).map(d => `
        <tr><td>${esc(d.target)} / ${esc(d.action)}</td><td>${statusCell(d.status)}</td><td>${esc(d.http_status)}</td>
          <td><details><summary>${esc(d.attempts)}</summary><ol>${(d.attempt_log || []).map(a =>
            `<li>${esc(when(a.at))}: ${esc(a.outcome)} ${esc(a.http_status)} in ${esc(a.duration_ms)} ms ${esc(a.error)}</li>`).join('')}</ol>
            <p>Request</p><pre>${esc(JSON.stringify(d.request, null, 2))}</pre></details></td>
          <td class="error">${esc(d.last_error)}</td><td>${esc(d.external_id)}</td></tr>`).join('')
        || '<tr><td colspan="6" class="muted">No deliveries.</td></tr>'}</tbody></table>
    <h3>Payload</h3><pre id="payload">${esc(JSON.stringify(e.payload, null, 2))}</pre>`;
  document.getElementById('retry-event').addEventListener('click', async () => {
    try { await api('POST', `/api/events/${encodeURIComponent(id)}/retry`); say('Event queued again.'); renderEvent(id); }
    catch (err) { say(err.message, true); }
  });
}

// ---------- dead letters ----------
let dlqFilters = { status: 'OPEN' };

async function renderDlq() {
  main.innerHTML = `<h2>Dead-letter queue</h2>
    ${filterForm('dlq-filters', dlqFilters, ['OPEN', 'REPLAYED', 'ARCHIVED'])}
    <p><button type="button" id="replay-all" class="primary">Replay all open that match…</button>
      <span class="muted" id="dlq-count"></span></p>
    <table><thead><tr><th scope="col">Parked</th><th scope="col">Source / type</th><th scope="col">Target</th>
      <th scope="col">HTTP</th><th scope="col">Reason</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
      <tbody id="dlq-body"></tbody></table>`;
  const form = document.getElementById('dlq-filters');
  form.addEventListener('submit', ev => { ev.preventDefault(); dlqFilters = readFilters(form); load(); });
  document.getElementById('replay-all').addEventListener('click', async () => {
    const f = apiFilters(dlqFilters); delete f.status;
    if (!await confirmAction('Replay every open dead letter matching the filters? Each event is processed again; '
        + 'deliveries that already succeeded are not sent twice.')) return;
    try { const r = await api('POST', '/api/dlq/retry' + params(f)); say(`Replayed ${r.replayed} of ${r.matched}.`); load(); }
    catch (e) { say(e.message, true); }
  });
  document.getElementById('dlq-body').addEventListener('click', async ev => {
    const button = ev.target.closest('button[data-action]');
    if (!button) return;
    const id = button.closest('tr').dataset.id;
    const action = button.dataset.action;
    try {
      if (action === 'replay') { await api('POST', `/api/dlq/${id}/retry`); say('Dead letter replayed.'); }
      if (action === 'archive') { await api('POST', `/api/dlq/${id}/archive`); say('Dead letter archived.'); }
      if (action === 'delete') {
        if (!await confirmAction('Delete this dead letter for good? Its event stays in the event log.')) return;
        await api('DELETE', `/api/dlq/${id}`); say('Dead letter deleted.');
      }
      load();
    } catch (e) { say(e.message, true); }
  });
  async function load() {
    try {
      const page = await api('GET', '/api/dlq' + params(Object.assign(apiFilters(dlqFilters), { size: 50 })));
      document.getElementById('dlq-count').textContent = `${page.total} dead letter(s)`;
      document.getElementById('dlq-body').innerHTML = page.items.map(d => `
        <tr data-id="${esc(d.id)}" data-event-id="${esc(d.event_id)}">
          <td><a href="#/events/${esc(d.event_id)}">${esc(when(d.created_at))}</a></td>
          <td>${esc(d.source)} / ${esc(d.type)}</td><td>${esc(d.target)}</td><td>${esc(d.http_status)}</td>
          <td class="error">${esc(d.reason)}</td><td>${statusCell(d.status)}</td>
          <td>${d.status === 'OPEN' ? `<button type="button" data-action="replay">Replay</button>
            <button type="button" data-action="archive">Archive</button>` : ''}
            <button type="button" data-action="delete" class="danger">Delete</button></td></tr>`).join('')
        || '<tr><td colspan="7" class="muted">Nothing parked. Good.</td></tr>';
    } catch (e) { if (e.status !== 401) say(e.message, true); }
  }
  await load();
  every(10000, load);
}

// ---------- overview ----------
let overviewWindow = '1h';

function chart(timeline) {
  const step = timeline.bucket_seconds * 1000;
  const end = Math.floor(Date.now() / step) * step;
  const n = Math.round(timeline.window_seconds / timeline.bucket_seconds);
  const sum = o => Object.values(o || {}).reduce((a, b) => a + b, 0);
  const byTime = new Map(timeline.buckets.map(b => [new Date(b.at).getTime(), b]));
  const points = [];
  for (let i = n - 1; i >= 0; i--) {
    const b = byTime.get(end - i * step) || {};
    points.push({ in: sum(b.in), out: sum(b.out), failed: sum(b.failed) });
  }
  const max = Math.max(1, ...points.map(p => Math.max(p.in, p.out, p.failed)));
  const W = 600, H = 160, x = i => (i / Math.max(1, n - 1)) * W, y = v => H - (v / max) * (H - 10);
  const line = key => points.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const bars = points.map((p, i) => p.failed ? `<rect class="failed" x="${x(i).toFixed(1)}" y="${y(p.failed).toFixed(1)}"
      width="${Math.max(1, W / n - 1).toFixed(1)}" height="${(H - y(p.failed)).toFixed(1)}"></rect>` : '').join('');
  const per = timeline.bucket_seconds === 60 ? 'minute' : `${timeline.bucket_seconds / 60} minutes`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img"
      aria-label="Events in and deliveries out per ${per}; peak ${max}">
      ${bars}<polyline class="in" points="${line('in')}"></polyline><polyline class="out" points="${line('out')}"></polyline></svg>
    <p class="legend"><span class="in">— events in</span><span class="out">— deliveries sent</span>
      <span class="failed">▮ failed attempts</span> per ${per}, peak ${max}</p>`;
}

function totals(timeline, direction) {
  const t = {};
  timeline.buckets.forEach(b => Object.entries(b[direction] || {}).forEach(([k, v]) => { t[k] = (t[k] || 0) + v; }));
  return t;
}

function kvTable(title, obj) {
  const rows = Object.entries(obj || {});
  return `<table><caption>${esc(title)}</caption><tbody>${rows.map(([k, v]) =>
    `<tr><th scope="row">${esc(k)}</th><td>${esc(typeof v === 'object' ? JSON.stringify(v) : v)}</td></tr>`).join('')
    || '<tr><td class="muted">none</td></tr>'}</tbody></table>`;
}

async function settle(promise) { try { return await promise; } catch (e) { return { __error: e }; } }

async function renderOverview() {
  main.innerHTML = `<h2>Overview</h2>
    <p><label>Window <select id="window"><option value="1h">last hour</option><option value="24h">last day</option></select></label></p>
    <div id="overview"><p class="muted">Loading…</p></div>`;
  const select = document.getElementById('window');
  select.value = overviewWindow;
  select.addEventListener('change', () => { overviewWindow = select.value; load(); });
  async function load() {
    const [timeline, events, dlq, status, alerts, sync] = await Promise.all([
      settle(api('GET', '/api/events/timeline?window=' + overviewWindow)), settle(api('GET', '/api/events/stats')),
      settle(api('GET', '/api/dlq/stats')), settle(api('GET', '/status')), settle(api('GET', '/api/alerts')),
      settle(api('GET', '/api/sync/stats'))]);
    if ([timeline, events, dlq, status].some(r => r.__error && r.__error.status === 401)) return;
    const inTotals = timeline.__error ? {} : totals(timeline, 'in');
    const outTotals = timeline.__error ? {} : totals(timeline, 'out');
    const failedTotals = timeline.__error ? {} : totals(timeline, 'failed');
    const attempts = Object.values(outTotals).reduce((a, b) => a + b, 0) + Object.values(failedTotals).reduce((a, b) => a + b, 0);
    const errorRate = attempts ? (100 * Object.values(failedTotals).reduce((a, b) => a + b, 0) / attempts).toFixed(1) + ' %' : '—';
    const firing = alerts.__error ? [] : (alerts.active || []);
    document.getElementById('overview').innerHTML = `
      <div class="cards">
        <div class="card">In (window)<b id="in-total">${Object.values(inTotals).reduce((a, b) => a + b, 0)}</b></div>
        <div class="card">Sent (window)<b>${Object.values(outTotals).reduce((a, b) => a + b, 0)}</b></div>
        <div class="card">Error rate<b>${esc(errorRate)}</b></div>
        <div class="card">Dead letters open<b id="dlq-open">${esc(dlq.__error ? '?' : dlq.open)}</b></div>
        <div class="card">In flight<b>${esc(status.__error ? '?' : (status.in_flight ?? status.bus?.in_flight ?? '—'))}</b></div>
      </div>
      ${timeline.__error ? `<p class="error">${esc(timeline.__error.message)}</p>` : chart(timeline)}
      <div class="grid">
        ${kvTable('Events in per source', inTotals)}
        ${kvTable('Deliveries sent per target', outTotals)}
        ${kvTable('Failed attempts per target', failedTotals)}
        ${events.__error ? '' : kvTable('Events by status (all time)', events.by_status)}
      </div>
      <h3>Alerts</h3>
      ${alerts.__error ? `<p class="muted">${esc(alerts.__error.message)}</p>` : `<pre>${esc(JSON.stringify(alerts, null, 2))}</pre>`}
      <h3>Connectors and bus</h3>
      ${status.__error ? `<p class="muted">${esc(status.__error.message)}</p>` : `<pre>${esc(JSON.stringify(status, null, 2))}</pre>`}
      <h3>Sync jobs</h3>
      ${sync.__error ? `<p class="muted">${esc(sync.__error.status === 404 ? 'not available' : sync.__error.message)}</p>`
        : `<pre>${esc(JSON.stringify(sync, null, 2))}</pre>`}`;
    if (firing.length) say(`${firing.length} alert(s) need attention.`, true);
  }
  await load();
  every(15000, load);
}

// ---------- mappings ----------
async function renderMappings(type, system) {
  stopTimer();
  let list;
  try { list = await api('GET', '/api/mappings'); } catch (e) { main.innerHTML = `<p class="error">${esc(e.message)}</p>`; return; }
  const items = list.items || [];
  main.innerHTML = `<h2>Mappings</h2>
    <p class="muted">JSLT, one active version per (type, system). Saving makes a new active version; older ones stay for rollback.</p>
    <table><thead><tr><th scope="col">Type / system</th><th scope="col">Version</th><th scope="col">By</th><th scope="col">When</th></tr></thead>
      <tbody>${items.map(m => `<tr><td><a href="#/mappings/${esc(m.type)}/${esc(m.system)}">${esc(m.type)} / ${esc(m.system)}</a></td>
        <td>${esc(m.version)}</td><td>${esc(m.created_by)}</td><td>${esc(when(m.created_at))}</td></tr>`).join('')}</tbody></table>
    <div id="mapping-editor"></div>`;
  if (type && system) await renderMappingEditor(type, system);
}

async function renderMappingEditor(type, system) {
  const box = document.getElementById('mapping-editor');
  const path = `/api/mappings/${encodeURIComponent(type)}/${encodeURIComponent(system)}`;
  let active, versions;
  try { [active, versions] = await Promise.all([api('GET', path), api('GET', path + '/versions')]); }
  catch (e) { box.innerHTML = `<p class="error">${esc(e.message)}</p>`; return; }
  const vs = versions.items || versions.versions || versions || [];
  box.innerHTML = `<h3>${esc(type)} / ${esc(system)} — version ${esc(active.version)}</h3>
    <div class="grid">
      <div class="field"><label for="definition">Definition (JSLT)</label><textarea id="definition" spellcheck="false"></textarea></div>
      <div class="field"><label for="sample">Sample payload (JSON)</label><textarea id="sample" spellcheck="false">{}</textarea></div>
    </div>
    <p><button type="button" id="try-mapping">Test on the sample</button>
       <button type="button" id="save-mapping" class="primary">Save as a new version</button></p>
    <pre id="mapping-result" aria-live="polite"></pre>
    <h4>Versions</h4>
    <table><tbody>${vs.map(v => `<tr><td>v${esc(v.version)}</td><td>${v.active ? 'active' : ''}</td>
      <td>${esc(v.created_by)}</td><td>${esc(when(v.created_at))}</td>
      <td>${v.active ? '' : `<button type="button" data-version="${esc(v.version)}">Activate</button>`}</td></tr>`).join('')}</tbody></table>`;
  document.getElementById('definition').value = active.definition || '';
  const result = document.getElementById('mapping-result');
  const show = (e) => { result.className = 'error'; result.textContent = e.message; };
  document.getElementById('try-mapping').addEventListener('click', async () => {
    let payload;
    try { payload = JSON.parse(document.getElementById('sample').value || '{}'); }
    catch (e) { result.className = 'error'; result.textContent = 'The sample is not JSON: ' + e.message; return; }
    try {
      const r = await api('POST', '/api/mappings/test', { definition: document.getElementById('definition').value, payload });
      result.className = ''; result.textContent = JSON.stringify(r.result, null, 2);
    } catch (e) { show(e); }
  });
  document.getElementById('save-mapping').addEventListener('click', async () => {
    if (!await confirmAction(`Save a new active version of ${type}/${system}? Flows use it for their next message.`)) return;
    try {
      const r = await api('POST', '/api/mappings', { type, system, definition: document.getElementById('definition').value });
      say(`Saved version ${r.version}.`); renderMappings(type, system);
    } catch (e) { show(e); }
  });
  box.querySelectorAll('button[data-version]').forEach(b => b.addEventListener('click', async () => {
    if (!await confirmAction(`Make version ${b.dataset.version} of ${type}/${system} the active one?`)) return;
    try { await api('POST', `${path}/versions/${b.dataset.version}/activate`); say('Activated.'); renderMappings(type, system); }
    catch (e) { show(e); }
  }));
}

// ---------- routing ----------
async function route() {
  say('');
  const parts = (location.hash || '#/overview').slice(2).split('/');
  if (!sessionStorage.getItem(KEY)) { stopTimer(); document.getElementById('nav').hidden = true; renderSignIn(); return; }
  document.getElementById('nav').hidden = false;
  document.querySelectorAll('#nav a').forEach(a => {
    if (a.getAttribute('href') === '#/' + parts[0]) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  stopTimer();
  switch (parts[0]) {
    case 'events': return parts[1] ? renderEvent(parts[1]) : renderEvents();
    case 'dlq': return renderDlq();
    case 'mappings': return renderMappings(parts[1], parts[2]);
    case 'sign-in': return renderSignIn();
    default: return renderOverview();
  }
}

document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
window.addEventListener('hashchange', () => { route(); main.focus(); });
route();
