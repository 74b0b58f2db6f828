// coopwatch live operations view. Plain JS, no build, no external resources.
// Every piece of data is inserted as text (textContent / createTextNode), never as HTML.
'use strict';

(function () {
  const MAX_ITEMS = 100;
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // ---- access token: taken from ?token= once, kept for this tab only, removed from the address bar ----
  const params = new URLSearchParams(window.location.search);
  if (params.has('token')) {
    sessionStorage.setItem('coopwatch.token', params.get('token'));
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
  }
  const token = sessionStorage.getItem('coopwatch.token');

  function api(path) {
    const headers = { 'Accept': 'application/json' };
    if (token) headers['Authorization'] = 'Bearer ' + token;
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (r) {
      if (r.status === 401) {
        notice('This server requires an access token: open the page as /?token=<token>.');
        throw new Error('unauthorized');
      }
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error : ('HTTP ' + r.status));
        return body;
      });
    });
  }

  // ---- DOM helpers: text only ----
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.appendChild(document.createTextNode(String(text)));
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG_NS, tag);
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined) e.appendChild(document.createTextNode(String(text)));
    return e;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function $(id) {
    return document.getElementById(id);
  }
  // Only web links become links: a javascript: or data: URL from an article stays plain text.
  function safeUrl(u) {
    if (typeof u !== 'string') return null;
    try {
      const parsed = new URL(u);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }
  function shortTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';
  }
  function fmt(n) {
    return n === null || n === undefined ? '–' : Number(n).toLocaleString('en');
  }
  function notice(text) {
    const n = $('notice');
    n.textContent = text;
    n.hidden = false;
  }

  let meta = { types: [], sectors: [] };
  const cooperativeType = {};

  function typeBadge(type) {
    const coop = cooperativeType[type];
    return el('span', 'type ' + (coop === true ? 'coop' : coop === false ? 'conf' : ''), type);
  }

  // ---- alerts and events (live feed) ----
  const seen = new Set();

  function addItem(list, item, node) {
    const key = item.kind + '|' + (item.alertId || item.eventId || item.seq);
    if (seen.has(key)) return;
    seen.add(key);
    node.classList.add('fresh');
    list.insertBefore(node, list.firstChild);
    while (list.children.length > MAX_ITEMS) list.removeChild(list.lastChild);
    const empty = $(list.id + '-empty');
    if (empty) empty.hidden = list.children.length > 0;
    $(list.id === 'alerts' ? 'alert-count' : 'event-count').textContent = String(list.children.length);
  }

  function alertNode(a) {
    const li = el('li', 'alert');
    li.dataset.id = a.alertId;
    const row = el('div', 'row1');
    row.appendChild(el('span', 'time', shortTime(a.created)));
    row.appendChild(el('span', 'sev ' + String(a.severity || '').toLowerCase(), a.severity));
    row.appendChild(el('span', 'pair', a.pair));
    row.appendChild(typeBadge(a.type));
    row.appendChild(el('span', 'rule muted', a.rule));
    if (a.sectors && a.sectors.length) row.appendChild(el('span', 'sectors', a.sectors.join(', ')));
    li.appendChild(row);
    li.appendChild(el('p', 'message', a.message));
    if (a.evidence && a.evidence.text) li.appendChild(el('blockquote', 'evidence', a.evidence.text));
    return li;
  }

  function eventNode(e) {
    const li = el('li', 'event');
    li.dataset.id = e.eventId;
    const row = el('div', 'row1');
    row.appendChild(el('span', 'time', shortTime(e.eventTime)));
    row.appendChild(el('span', 'pair', e.source + ' → ' + e.target));
    row.appendChild(typeBadge(e.type));
    if (e.modality && e.modality !== 'asserted') row.appendChild(el('span', 'muted', e.modality));
    if (e.sectors && e.sectors.length) row.appendChild(el('span', 'sectors', e.sectors.join(', ')));
    row.appendChild(el('span', 'muted', 'conf. ' + Number(e.confidence).toFixed(2) + (e.language ? ' · ' + e.language : '')));
    li.appendChild(row);
    const titleText = e.title || e.articleId;
    const href = safeUrl(e.url);
    let title;
    if (href) {
      title = el('a', 'title', titleText);
      title.href = href;
      title.rel = 'noopener noreferrer';
      title.target = '_blank';
    } else {
      title = el('span', 'title', titleText);
    }
    const p = el('div');
    p.appendChild(title);
    li.appendChild(p);
    if (e.evidence && e.evidence.text) li.appendChild(el('blockquote', 'evidence', e.evidence.text));
    return li;
  }

  // ---- live stream (server-sent events) ----
  let source = null;
  function connect() {
    const url = 'api/stream' + (token ? '?token=' + encodeURIComponent(token) : '');
    source = new EventSource(url);
    source.onopen = function () { setBadge('conn', 'live', 'ok'); };
    source.onerror = function () {
      setBadge('conn', source.readyState === EventSource.CLOSED ? 'offline' : 'reconnecting', 'bad');
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
    };
    source.addEventListener('alert', function (m) {
      const a = JSON.parse(m.data);
      addItem($('alerts'), a, alertNode(a));
    });
    source.addEventListener('event', function (m) {
      const e = JSON.parse(m.data);
      addItem($('events'), e, eventNode(e));
    });
    source.addEventListener('aggregates', function (m) {
      const changed = JSON.parse(m.data).pairs || [];
      scheduleHeatmap();
      if (selectedPair && changed.indexOf(selectedPair) >= 0) scheduleChart();
    });
  }

  function setBadge(id, text, state) {
    const b = $(id);
    b.textContent = text;
    b.className = 'badge ' + state;
  }

  // ---- heat map: top pairs x sectors ----
  let heatTimer = null;
  function scheduleHeatmap() {
    if (heatTimer) return;
    heatTimer = setTimeout(function () { heatTimer = null; loadHeatmap(); }, 2000);
  }

  function loadHeatmap() {
    const since = $('heat-since').value;
    return api('api/top-pairs?limit=25&since=' + encodeURIComponent(since)).then(renderHeatmap).catch(function (e) {
      $('heatmap-empty').textContent = 'Heat map unavailable: ' + e.message;
      $('heatmap-empty').hidden = false;
    });
  }

  function renderHeatmap(body) {
    const box = $('heatmap');
    clear(box);
    const pairs = body.pairs || [];
    $('heatmap-empty').textContent = 'No aggregates in this range.';
    $('heatmap-empty').hidden = pairs.length > 0;
    const list = $('pair-list');
    clear(list);
    pairs.forEach(function (p) { const o = document.createElement('option'); o.value = p.pair; list.appendChild(o); });
    if (!pairs.length) return;
    const sectors = meta.sectors.length ? meta.sectors : Object.keys(pairs[0].sectors);
    let max = 1;
    pairs.forEach(function (p) { sectors.forEach(function (s) { max = Math.max(max, p.sectors[s] || 0); }); });
    const table = el('table', 'heat');
    const head = el('tr');
    head.appendChild(el('th', null, 'pair'));
    head.appendChild(el('th', null, 'events'));
    sectors.forEach(function (s) { head.appendChild(el('th', 'sector', s === '-' ? '(none)' : s)); });
    const thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    const tbody = el('tbody');
    pairs.forEach(function (p) {
      const tr = el('tr', 'pick' + (p.pair === selectedPair ? ' selected' : ''));
      tr.dataset.pair = p.pair;
      tr.appendChild(el('td', null, p.pair));
      tr.appendChild(el('td', null, fmt(p.events)));
      sectors.forEach(function (s) {
        const n = p.sectors[s] || 0;
        const td = el('td', 'cell', n ? String(n) : '');
        const alpha = n ? 0.12 + 0.88 * (n / max) : 0;
        td.style.backgroundColor = 'rgba(43,108,176,' + alpha.toFixed(3) + ')';
        td.style.color = alpha > 0.55 ? '#fff' : '';
        td.title = p.pair + ' · ' + s + ': ' + n + ' events';
        tr.appendChild(td);
      });
      tr.addEventListener('click', function () { selectPair(p.pair); });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    box.appendChild(table);
    if (!selectedPair) selectPair(pairs[0].pair);
  }

  // ---- time series per pair ----
  let selectedPair = null;
  let chartTimer = null;
  function scheduleChart() {
    if (chartTimer) return;
    chartTimer = setTimeout(function () { chartTimer = null; loadChart(); }, 2000);
  }

  function selectPair(pair) {
    selectedPair = pair;
    $('chart-input').value = pair;
    document.querySelectorAll('.heat tr.pick').forEach(function (tr) {
      tr.classList.toggle('selected', tr.dataset.pair === pair);
    });
    loadChart();
  }

  function loadChart() {
    if (!selectedPair) return;
    const win = $('chart-window').value;
    const pair = selectedPair;
    $('chart-pair').textContent = pair + ' (' + win + ')';
    api('api/pairs/' + encodeURIComponent(pair) + '?window=' + win).then(function (body) {
      if (pair === selectedPair) renderChart(body, win);
    }).catch(function (e) {
      clear($('chart'));
      $('chart-empty').textContent = 'Chart unavailable: ' + e.message;
      $('chart-empty').hidden = false;
    });
  }

  function renderChart(body, win) {
    const box = $('chart');
    clear(box);
    const windows = body.windows || [];
    $('chart-empty').textContent = 'No aggregates for ' + body.pair + ' yet.';
    $('chart-empty').hidden = windows.length > 0;
    if (!windows.length) return;
    // a continuous time axis: windows without events are zero, not skipped
    const step = win === 'hourly' ? 3600e3 : 86400e3;
    const byStart = {};
    windows.forEach(function (w) { byStart[Date.parse(w.start)] = w; });
    const last = Date.parse(windows[windows.length - 1].start);
    let first = Date.parse(windows[0].start);
    // at least two weeks of days (two days of hours) so one busy window does not fill the chart
    const minSlots = win === 'hourly' ? 48 : 14;
    const maxSlots = win === 'hourly' ? 168 : 120;
    first = Math.min(first, last - (minSlots - 1) * step);
    first = Math.max(first, last - (maxSlots - 1) * step);
    const slots = [];
    for (let t = first; t <= last; t += step) slots.push({ t: t, w: byStart[t] || null });
    let max = 1;
    slots.forEach(function (s) { if (s.w) max = Math.max(max, s.w.articles); });
    const W = 640, H = 240, L = 36, B = 22, T = 8, R = 8;
    const plotW = W - L - R, plotH = H - B - T;
    const bw = plotW / slots.length;
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'articles per window for ' + body.pair });
    root.appendChild(svg('line', { x1: L, y1: T + plotH, x2: W - R, y2: T + plotH, class: 'axis' }));
    root.appendChild(svg('line', { x1: L, y1: T, x2: L, y2: T + plotH, class: 'axis' }));
    root.appendChild(svg('text', { x: L - 4, y: T + 8, 'text-anchor': 'end' }, max));
    root.appendChild(svg('text', { x: L - 4, y: T + plotH, 'text-anchor': 'end' }, 0));
    const labelEvery = Math.max(1, Math.ceil(slots.length / 8));
    slots.forEach(function (s, i) {
      const x = L + i * bw;
      if (s.w) {
        const coop = s.w.cooperativeArticles, conf = s.w.conflictualArticles;
        const other = Math.max(0, s.w.articles - coop - conf);
        let y = T + plotH;
        [['coop', coop], ['conf', conf], ['other', other]].forEach(function (part) {
          if (!part[1]) return;
          const h = plotH * part[1] / max;
          y -= h;
          const width = Math.max(1, Math.min(bw * 0.8, 28));
          const r = svg('rect', { x: x + (bw - width) / 2, y: y, width: width, height: h, class: part[0] });
          r.appendChild(svg('title', {}, shortTime(s.w.start) + ': ' + s.w.articles + ' articles (' + coop
              + ' cooperative, ' + conf + ' conflictual)'));
          root.appendChild(r);
        });
      }
      if (i % labelEvery === 0) {
        const d = new Date(s.t).toISOString();
        const label = win === 'hourly' ? d.slice(5, 13).replace('T', ' ') + 'h' : d.slice(0, 10);
        root.appendChild(svg('text', { x: x + bw / 2, y: H - 6, 'text-anchor': 'middle' }, label));
      }
    });
    box.appendChild(root);
  }

  // ---- pipeline health ----
  function loadHealth() {
    return api('api/health').then(renderHealth).catch(function (e) {
      setBadge('status', 'health unknown', 'warn');
    });
  }

  function renderHealth(h) {
    setBadge('status', h.status, h.status === 'ok' ? 'ok' : 'bad');
    $('clock').textContent = 'updated ' + shortTime(h.time);
    const tbody = document.querySelector('#stages tbody');
    clear(tbody);
    (h.stages || []).forEach(function (s) {
      const tr = el('tr');
      tr.appendChild(el('td', null, 'stage ' + s.stage));
      const ok = s.state === 'RUNNING' || s.state === 'REBALANCING';
      tr.appendChild(el('td', ok ? 'state-ok' : 'state-bad', s.state));
      tr.appendChild(el('td', null, fmt(s.recordsIn)));
      tr.appendChild(el('td', null, fmt(s.recordsOut)));
      tr.appendChild(el('td', null, s.lag === null || s.lag === undefined ? (s.lagError ? 'unknown' : '–') : fmt(s.lag)));
      tbody.appendChild(tr);
    });
    if (h.sink) {
      const tr = el('tr');
      tr.appendChild(el('td', null, 'sink (' + h.sink.group + ')'));
      tr.appendChild(el('td', h.sink.failure ? 'state-bad' : 'state-ok', h.sink.failure ? 'FAILED: ' + h.sink.failure : 'RUNNING'));
      tr.appendChild(el('td', null, fmt(h.sink.events + h.sink.alerts + h.sink.aggregates)));
      tr.appendChild(el('td', null, fmt(h.sink.events) + ' ev · ' + fmt(h.sink.alerts) + ' al · ' + fmt(h.sink.aggregates) + ' agg'));
      tr.appendChild(el('td', null, h.sink.lag === null || h.sink.lag === undefined ? '–' : fmt(h.sink.lag)));
      tbody.appendChild(tr);
    }
    const live = el('tr');
    live.appendChild(el('td', null, 'live view'));
    live.appendChild(el('td', 'state-ok', h.live.clients + ' client(s)'));
    live.appendChild(el('td', null, fmt(h.live.alerts + h.live.events)));
    live.appendChild(el('td', null, fmt(h.live.alerts) + ' alerts · ' + fmt(h.live.events) + ' events'));
    live.appendChild(el('td', null, ''));
    tbody.appendChild(live);

    const dlq = h.dlq || {};
    $('dlq-count').textContent = dlq.records === undefined ? (dlq.error || 'unknown') : fmt(dlq.records) + ' records'
        + (dlq.error ? ' (' + dlq.error + ')' : '');
    const list = $('dlq-recent');
    clear(list);
    (dlq.recent || []).forEach(function (d) {
      const li = el('li');
      li.appendChild(el('span', 'time', shortTime(d.time) + ' '));
      li.appendChild(el('span', 'pair', (d.sourceTopic || '?') + (d.sourceOffset ? '@' + d.sourceOffset : '') + ' '));
      li.appendChild(el('span', 'muted', (d.component ? d.component + ': ' : '') + (d.exception || '') + ' '));
      li.appendChild(el('span', null, d.message || ''));
      list.appendChild(li);
    });
  }

  // ---- start ----
  function start() {
    if (token) $('metrics-link').href = 'metrics?token=' + encodeURIComponent(token);
    $('heat-since').addEventListener('change', loadHeatmap);
    $('chart-window').addEventListener('change', loadChart);
    $('chart-input').addEventListener('change', function () {
      const v = $('chart-input').value.trim().toUpperCase();
      if (/^[A-Z]{3}-[A-Z]{3}$/.test(v)) selectPair(v.split('-').sort().join('-'));
    });
    api('api/meta').then(function (m) {
      meta = m;
      m.types.forEach(function (t) { cooperativeType[t.type] = t.cooperative; });
    }).catch(function () { /* types stay uncoloured */ }).then(function () {
      connect();
      loadHeatmap();
      loadHealth();
      setInterval(loadHealth, 5000);
      setInterval(loadHeatmap, 60000);
    });
  }

  document.addEventListener('DOMContentLoaded', start);
})();
