// TBot dashboard: renders the /ws feed (a "snapshot", then "book", "orders", "bots", "venues", "stats", "event" messages).
// Read-only; the control buttons POST to /api/... with the operator's bearer token (asked once, kept in sessionStorage).
'use strict';

const state = { books: {}, orders: { count: 0, orders: [] }, bots: { trading_enabled: null, bots: [] }, venues: [], stats: null, selected: null, events: [] };
const dirty = new Set();
const TOKEN_KEY = 'tbot.token';

// A token given as ?token= (read-only access for the page and its feed; the server also sets a cookie from it) is kept
// for the control buttons and taken out of the address bar.
(function takeTokenFromUrl() {
  const url = new URL(location.href);
  const t = url.searchParams.get('token');
  if (t) {
    sessionStorage.setItem(TOKEN_KEY, t);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
})();

const $ = (sel) => document.querySelector(sel);
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? '–'));
  return e;
}
function money(text) {
  if (text == null) return '–';
  const n = Number(text);
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
function signClass(text) { const n = Number(text); return n < 0 ? 'neg' : n > 0 ? 'pos' : ''; }
function duration(s) {
  s = Math.floor(s); const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + r + 's';
}

// ---- feed ----
let retry = 500;
function connect() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws' + (token ? '?token=' + encodeURIComponent(token) : '');
  const ws = new WebSocket(url);
  ws.onopen = () => { retry = 500; setFeed(true); };
  ws.onmessage = (m) => { const msg = JSON.parse(m.data); apply(msg); schedule(); };
  ws.onclose = () => { setFeed(false); setTimeout(connect, retry); retry = Math.min(retry * 2, 10000); };
}
function setFeed(up) {
  const s = $('#feed-status');
  s.textContent = up ? 'live' : 'disconnected';
  s.className = 'pill ' + (up ? 'up' : 'down');
}
function apply(msg) {
  switch (msg.type) {
    case 'snapshot': for (const item of msg.items) apply(item); break;
    case 'book':
      state.books[msg.data.instrument] = msg.data;
      if (!state.selected) state.selected = msg.data.instrument;
      dirty.add('markets'); if (state.selected === msg.data.instrument) dirty.add('depth');
      break;
    case 'orders': state.orders = msg.data; dirty.add('orders'); break;
    case 'bots': state.bots = msg.data; dirty.add('bots'); break;
    case 'venues': state.venues = msg.data.venues; dirty.add('venues'); break;
    case 'stats': state.stats = msg.data; dirty.add('stats'); break;
    case 'event': state.events.unshift(msg.data); state.events.length = Math.min(state.events.length, 50); dirty.add('events'); break;
  }
}
let scheduled = false;
function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    for (const d of dirty) renderers[d]();
    dirty.clear();
  });
}

// ---- rendering ----
function setCell(row, cls, text) {
  const td = row.querySelector('.' + cls);
  const value = text ?? '–';
  if (td.textContent !== value) { td.textContent = value; td.classList.remove('flash'); void td.offsetWidth; td.classList.add('flash'); }
}
const renderers = {
  events() {
    const body = $('#events tbody');
    body.replaceChildren(...state.events.map(e => el('tr', {}, el('td', {}, new Date(e.time).toLocaleTimeString()), el('td', {}, e.kind),
      el('td', {}, e.key), el('td', {}, e.remote ? e.source + ' (peer)' : e.source),
      el('td', {}, Object.entries(e.data || {}).map(([k, v]) => k + '=' + v).join(' ')))));
  },
  markets() {
    const body = $('#markets tbody');
    for (const key of Object.keys(state.books).sort()) {
      const b = state.books[key];
      let row = body.querySelector(`tr[data-instrument="${CSS.escape(key)}"]`);
      if (!row) {
        row = el('tr', { 'data-instrument': key }, el('td', { class: 'name' }, key), el('td', { class: 'bid-size' }), el('td', { class: 'bid' }),
          el('td', { class: 'ask' }), el('td', { class: 'ask-size' }), el('td', { class: 'last' }), el('td', { class: 'book' }));
        row.onclick = () => { state.selected = key; renderers.depth(); renderers.markets(); };
        const rows = [...body.children];
        body.insertBefore(row, rows.find(r => r.dataset.instrument > key) || null);
      }
      setCell(row, 'bid-size', b.bid_size); setCell(row, 'bid', b.bid); setCell(row, 'ask', b.ask);
      setCell(row, 'ask-size', b.ask_size); setCell(row, 'last', b.last);
      const st = row.querySelector('.book'); st.textContent = b.stale ? 'stale' : 'live'; st.className = 'book ' + (b.stale ? 'stale' : 'live');
      row.classList.toggle('selected', key === state.selected);
    }
  },
  depth() {
    const b = state.books[state.selected];
    $('#depth-title').textContent = state.selected || '–';
    const body = $('#depth tbody');
    body.replaceChildren();
    if (!b) return;
    for (let i = 0; i < Math.max(b.bids.length, b.asks.length); i++) {
      const bid = b.bids[i] || [], ask = b.asks[i] || [];
      body.append(el('tr', {}, el('td', {}, bid[1] ?? ''), el('td', { class: 'bid' }, bid[0] ?? ''), el('td', { class: 'ask' }, ask[0] ?? ''), el('td', {}, ask[1] ?? '')));
    }
  },
  orders() {
    $('#orders-count').textContent = state.orders.count;
    $('#orders tbody').replaceChildren(...state.orders.orders.map(o => el('tr', { 'data-order': o.id },
      el('td', {}, o.id), el('td', {}, String(o.bot)), el('td', {}, o.instrument), el('td', { class: o.side }, o.side), el('td', {}, o.type),
      el('td', {}, o.status), el('td', {}, o.price), el('td', {}, o.quantity), el('td', {}, o.filled))));
  },
  bots() {
    const t = state.bots.trading_enabled;
    $('#trading').textContent = t == null ? '–' : t ? 'enabled' : 'disabled';
    $('#trading').className = t ? 'up' : 'down';
    $('#bots tbody').replaceChildren(...state.bots.bots.map(b => {
      const controls = el('td', { class: 'controls' }, ...['pause', 'resume', 'kill', 'flatten', 'cancel-all'].map(a => {
        const btn = el('button', { type: 'button', class: a === 'kill' ? 'danger' : '' }, a);
        btn.onclick = () => control(`/api/bots/${b.id}/${a}`, `${a} bot ${b.id} (${b.name})`, a === 'kill' || a === 'flatten');
        return btn;
      }));
      return el('tr', { 'data-bot': String(b.id) }, el('td', { class: 'name' }, `${b.id}: ${b.name}`), el('td', {}, b.strategy),
        el('td', { class: 'state ' + b.state }, b.state), el('td', { class: 'cause' }, b.kill_cause ?? ''),
        el('td', { class: signClass(b.realised), title: b.realised }, money(b.realised)), el('td', { class: signClass(b.unrealised), title: b.unrealised }, money(b.unrealised)),
        el('td', { title: b.fees }, money(b.fees)), el('td', { class: 'total ' + signClass(b.total), title: b.total }, money(b.total)), controls);
    }));
    const rows = [];
    for (const b of state.bots.bots) for (const p of b.positions) rows.push(el('tr', {}, el('td', {}, `${b.id}: ${b.name}`), el('td', {}, p.instrument),
      el('td', { class: signClass(p.quantity) }, p.quantity), el('td', { title: p.cost }, money(p.cost)), el('td', { class: signClass(p.realised) }, money(p.realised)),
      el('td', { class: signClass(p.unrealised) }, money(p.unrealised)), el('td', {}, money(p.fees)), el('td', {}, String(p.fills))));
    $('#positions tbody').replaceChildren(...rows);
  },
  venues() {
    $('#venues tbody').replaceChildren(...state.venues.map(v => el('tr', { 'data-venue': v.name },
      el('td', { class: 'name' }, v.name), el('td', { class: 'status ' + v.status }, v.status),
      el('td', { class: 'connections' }, v.connections.map(c => `#${c.id} ${c.state}`).join(', ') || 'none'),
      el('td', { class: 'reconnects' }, String(v.reconnects)), el('td', { class: 'resyncs' }, String(v.resyncs)),
      el('td', { class: 'rate' }, rateOf(v.name)), el('td', {}, String(v.rejected)))));
  },
  stats() {
    const s = state.stats;
    $('#phase').textContent = s.phase; $('#uptime').textContent = duration(s.uptime_s);
    $('#ring').textContent = `${s.ring_processed.toLocaleString('en-US')} / ${s.ring_published.toLocaleString('en-US')}`;
    $('#drops').textContent = s.feed_dropped.toLocaleString('en-US');
    sparks($('#throughput'), s.throughput);
    sparks($('#latency'), s.latency);
    renderers.venues();
  },
};
function rateOf(name) {
  const series = state.stats?.throughput.find(t => t.name === name);
  const v = series?.values[series.values.length - 1];
  return v == null ? '–' : v.toLocaleString('en-US');
}

// One canvas per series, created on first sight; drawn by hand (no chart library: nothing is fetched from elsewhere).
function sparks(container, list) {
  for (const series of list) {
    let box = container.querySelector(`[data-series="${CSS.escape(series.name)}"]`);
    if (!box) {
      box = el('div', { class: 'spark', 'data-series': series.name }, el('div', { class: 'label' }, el('span', {}, `${series.name} (${series.unit})`), el('b', {}, '–')), el('canvas', {}));
      container.append(box);
    }
    const last = series.values[series.values.length - 1];
    box.querySelector('b').textContent = last == null ? '–' : last.toLocaleString('en-US', { maximumFractionDigits: 1 });
    draw(box.querySelector('canvas'), series.values);
  }
}
function draw(canvas, values) {
  const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth * dpr, h = canvas.clientHeight * dpr;
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, w, h);
  if (values.length < 2) return;
  const max = Math.max(...values), min = Math.min(0, ...values), span = max - min || 1, pad = 3 * dpr;
  g.beginPath();
  values.forEach((v, i) => {
    const x = (i / (values.length - 1)) * w, y = h - pad - ((v - min) / span) * (h - 2 * pad);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.strokeStyle = '#5aa9ff'; g.lineWidth = 1.5 * dpr; g.stroke();
}

// ---- control (routes served by the control API; this page only sends them) ----
function token(ask) {
  let t = sessionStorage.getItem(TOKEN_KEY);
  if (!t || ask) {
    t = prompt('Bearer token for control actions (kept for this tab only):', t || '');
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
  }
  return t;
}
async function control(path, what, confirmFirst) {
  if (confirmFirst && !confirm(`Really ${what}?`)) return;
  const t = token(false);
  if (!t) return;
  const out = $('#action-result');
  out.hidden = false;
  try {
    const r = await fetch(path, { method: 'POST', headers: { Authorization: 'Bearer ' + t } });
    const body = (await r.text()).slice(0, 500);
    out.textContent = `${what}: HTTP ${r.status} ${r.statusText}${body ? ' — ' + body : ''}`;
    out.className = 'result ' + (r.ok ? 'ok' : 'err');
  } catch (e) {
    out.textContent = `${what}: ${e}`;
    out.className = 'result err';
  }
}
$('#set-token').onclick = () => token(true);
$('#kill-all').onclick = () => control('/api/kill', 'kill every bot', true);
connect();

// ---- analytics panel: polls GET /api/analytics (same origin; the token cookie or sessionStorage token) ----
function fillRows(sel, rows) {
  const body = $(sel + ' tbody');
  body.replaceChildren(...rows.map(cells => el('tr', null, ...cells.map(c => el('td', c && c.cls ? { class: c.cls } : null, c && c.text !== undefined ? c.text : String(c))))));
}
const us = (ns) => (ns / 1000).toFixed(1);
async function refreshAnalytics() {
  try {
    const t = sessionStorage.getItem(TOKEN_KEY);
    const r = await fetch('/api/analytics', t ? { headers: { Authorization: 'Bearer ' + t } } : {});
    if (!r.ok) return;
    const a = await r.json();
    const name = (row) => row.bot == null ? 'total' : `${row.bot}:${row.name || ''}`;
    fillRows('#an-pnl', [...a.pnl.by_bot_instrument, a.pnl.total].map(p => [name(p), p.instrument || '', money(p.realised), money(p.unrealised), money(p.fees), { text: money(p.net), cls: signClass(p.net) }, money(p.volume), p.fills]));
    fillRows('#an-slip', [...a.slippage.by_bot_instrument, a.slippage.total].map(s => [name(s), s.instrument || '', s.fills, s.mean_bps, s.median_bps, s.p95_bps, money(s.money), s.no_mid_orders]));
    fillRows('#an-fill', [...a.fill_ratio.by_bot_instrument_type, a.fill_ratio.total].map(f => [name(f), f.instrument || '', f.type || '', f.submitted, f.with_fill, f.fully_filled, f.cancelled, f.fill_rate]));
    const lat = [['submit → accepted', a.latency.submit_to_accepted], ['submit → first fill', a.latency.submit_to_first_fill], ['cancel → cancelled', a.latency.cancel_to_cancelled],
      ...Object.entries(a.latency.feed).map(([v, l]) => ['feed ' + v, l]), ...Object.entries(a.latency.stages || {}).map(([s, l]) => ['stage ' + s, l])];
    fillRows('#an-lat', lat.map(([n, l]) => [n, l.count, us(l.p50_ns), us(l.p99_ns)]));
    fillRows('#an-rej', Object.entries(a.rejections.by_reason).map(([k, v]) => [k, v]).concat([['kill switches', a.rejections.kill_switch_count]]));
  } catch (e) {
    // The next refresh tries again; the feed above shows whether the engine is up.
  }
}
refreshAnalytics();
setInterval(refreshAnalytics, 5000);
