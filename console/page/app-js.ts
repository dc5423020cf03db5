// The console page script, served at /assets/app.js. Every crawled string goes in through textContent;
// only highlight snippets use innerHTML, after sanitizeHighlight.
import { HELPERS_JS } from './js-helpers.js';

// biome-ignore lint/complexity/noUselessStringRaw: raw so a regex added later keeps its backslashes.
const MAIN_JS = String.raw`
var PAGE_SIZE = 20;
var meta = { timezone: 'Asia/Shanghai', rounds: [], sources: [] };
var searchOffset = 0;
var tipsOffset = 0;

function byId(id) {
  return document.getElementById(id);
}

function roundName(id) {
  var round = meta.rounds.find(function (r) { return r.id === id; });
  return round ? round.name : id;
}

function unitName(id) {
  for (var i = 0; i < meta.rounds.length; i++) {
    var unit = meta.rounds[i].units.find(function (u) { return u.id === id; });
    if (unit) return unit.name;
  }
  return id;
}

function fillOptions(select, items) {
  var first = select.options[0];
  select.textContent = '';
  select.appendChild(first);
  items.forEach(function (item) {
    select.appendChild(el('option', { value: item.value, text: item.label }));
  });
}

function fillUnits(form) {
  var roundId = form.elements.round.value;
  var seen = {};
  var items = [];
  meta.rounds.forEach(function (round) {
    if (roundId && round.id !== roundId) return;
    round.units.forEach(function (unit) {
      if (seen[unit.id]) return;
      seen[unit.id] = true;
      items.push({ value: unit.id, label: unit.name + (unit.team ? '（' + unit.team + '）' : '') });
    });
  });
  fillOptions(form.elements.unit, items);
}

function initFilters(form) {
  fillOptions(form.elements.round, meta.rounds.map(function (r) { return { value: r.id, label: r.name }; }));
  if (form.elements.source) {
    fillOptions(form.elements.source, meta.sources.map(function (s) { return { value: s.id, label: s.name }; }));
  }
  fillUnits(form);
  form.elements.round.addEventListener('change', function () { fillUnits(form); });
}

function setStatus(id, text, isError) {
  var node = byId(id);
  node.textContent = text;
  node.className = 'status' + (isError ? ' error' : '');
}

function searchParams(form) {
  var f = form.elements;
  var level = f.level.value;
  return {
    q: f.q.value.trim(),
    round: f.round.value,
    unit: f.unit.value,
    level: level.indexOf('min:') === 0 ? '' : level,
    minLevel: level.indexOf('min:') === 0 ? level.slice(4) : '',
    phase: f.phase.value,
    source: f.source.value,
    from: f.from.value,
    to: f.to.value,
    sort: f.sort.value,
    limit: PAGE_SIZE,
    offset: searchOffset,
  };
}

function explanation(detail) {
  var box = el('div', { className: 'explain' });
  var assessments = detail.article.assessments || [];
  if (assessments.length === 0) box.appendChild(el('p', { text: '该文未涉及任何在巡轮次，无评分依据。' }));
  assessments.forEach(function (a) {
    var phase = a.phase && own(PHASE_LABELS, a.phase) ? PHASE_LABELS[a.phase] + '阶段' : '非巡察阶段';
    box.appendChild(el('h4', {}, [badge(a.level), ' ' + roundName(a.roundId) + ' · ' + phase + ' · 风险分 ' + a.score]));
    var units = (a.units || []).map(function (u) { return u.unitName; }).join('、');
    box.appendChild(el('p', { className: 'meta', text: '涉及单位：' + (units || '无') }));
    box.appendChild(partsList(a.parts));
  });
  if (detail.others && detail.others.length > 0) {
    box.appendChild(el('h4', { text: '同一事件的其他报道（共 ' + detail.cluster.size + ' 篇）' }));
    box.appendChild(
      el('ul', { className: 'parts' }, detail.others.map(function (o) {
        return el('li', {}, [link(o.title, o.url), ' · ' + o.source + ' · ' + formatTime(o.publishedAt, meta.timezone)]);
      })),
    );
  }
  return box;
}

function toggleExplanation(item, hit, button) {
  var open = item.querySelector('.explain');
  if (open) {
    open.remove();
    button.textContent = '评分依据 ▸';
    return;
  }
  button.textContent = '加载中…';
  api('/api/articles/' + encodeURIComponent(hit.id))
    .then(function (detail) {
      item.appendChild(explanation(detail));
      button.textContent = '评分依据 ▾';
    })
    .catch(function (err) {
      item.appendChild(el('div', { className: 'explain status error', text: err.message }));
      button.textContent = '评分依据 ▾';
    });
}

function renderHit(hit) {
  var button = el('button', { type: 'button', className: 'toggle', text: '评分依据 ▸' });
  var item = el('li', { 'data-id': hit.id }, [
    el('div', { className: 'hit-head' }, [
      badge(hit.level),
      el('span', { className: 'hit-title' }, [link(hit.title, hit.url)]),
      hit.clusterSize > 1 ? el('span', { className: 'repost', text: '转载 ' + hit.clusterSize }) : null,
    ]),
    el('div', { className: 'meta' }, [
      el('span', { text: '来源：' + hit.source }),
      el('span', { text: '发布时间：' + formatTime(hit.publishedAt, meta.timezone) }),
      el('span', { text: '涉及单位：' + ((hit.units || []).map(unitName).join('、') || '无') }),
      el('span', { text: '风险分：' + hit.score }),
      button,
    ]),
  ]);
  (hit.highlights || []).forEach(function (snippet) {
    var p = el('p', { className: 'snippet' });
    p.innerHTML = sanitizeHighlight(snippet);
    item.appendChild(p);
  });
  item.addEventListener('click', function (event) {
    if (event.target.closest('a')) return;
    toggleExplanation(item, hit, button);
  });
  return item;
}

function runSearch() {
  var form = byId('search-form');
  setStatus('search-status', '检索中…');
  api('/api/search', searchParams(form))
    .then(function (result) {
      var list = byId('search-results');
      list.textContent = '';
      result.hits.forEach(function (hit) { list.appendChild(renderHit(hit)); });
      setStatus('search-status', result.total === 0 ? '没有找到符合条件的信息' : '共找到 ' + result.total + ' 条信息');
      pager(byId('search-pager'), result.total, searchOffset, PAGE_SIZE, function (offset) {
        searchOffset = offset;
        runSearch();
      });
    })
    .catch(function (err) { setStatus('search-status', err.message, true); });
}

function renderTip(tip) {
  var phase = tip.phase && own(PHASE_LABELS, tip.phase) ? PHASE_LABELS[tip.phase] : '—';
  var status = own(STATUS_LABELS, tip.status) ? STATUS_LABELS[tip.status] : tip.status;
  return el('li', { 'data-id': tip.id }, [
    el('div', { className: 'hit-head' }, [
      badge(tip.level),
      el('strong', { text: tip.unitName }),
      tip.team ? el('span', { className: 'meta', text: tip.team }) : null,
      el('span', { className: 'hit-title' }, [link(tip.title, tip.url)]),
    ]),
    el('div', { className: 'meta' }, [
      el('span', { text: '来源：' + tip.sourceName }),
      el('span', { text: '发布时间：' + formatTime(tip.publishedAt, meta.timezone) }),
      el('span', { text: '阶段：' + phase }),
      el('span', { text: '风险分：' + tip.score }),
      el('span', { text: '状态：' + status }),
    ]),
    el('details', {}, [el('summary', { text: '评分依据' }), partsList(tip.parts)]),
  ]);
}

function runTips() {
  var f = byId('tips-form').elements;
  setStatus('tips-status', '加载中…');
  var params = {
    round: f.round.value,
    unit: f.unit.value,
    status: f.status.value,
    minLevel: f.minLevel.value,
    limit: PAGE_SIZE,
    offset: tipsOffset,
  };
  api('/api/tips', params)
    .then(function (result) {
      var list = byId('tips-results');
      list.textContent = '';
      result.tips.forEach(function (tip) { list.appendChild(renderTip(tip)); });
      setStatus('tips-status', result.total === 0 ? '暂无线索' : '共 ' + result.total + ' 条线索');
      pager(byId('tips-pager'), result.total, tipsOffset, PAGE_SIZE, function (offset) {
        tipsOffset = offset;
        runTips();
      });
    })
    .catch(function (err) { setStatus('tips-status', err.message, true); });
}

function showTab(name) {
  ['search', 'tips'].forEach(function (tab) {
    byId('tab-' + tab).setAttribute('aria-selected', String(tab === name));
    byId('panel-' + tab).hidden = tab !== name;
  });
  if (name === 'tips') runTips();
}

function bindForm(id, run, resetOffset) {
  var form = byId(id);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    resetOffset();
    run();
  });
  form.addEventListener('change', function (event) {
    if (event.target.name === 'q') return;
    resetOffset();
    run();
  });
}

function start() {
  byId('tab-search').addEventListener('click', function () { showTab('search'); });
  byId('tab-tips').addEventListener('click', function () { showTab('tips'); });
  bindForm('search-form', runSearch, function () { searchOffset = 0; });
  bindForm('tips-form', runTips, function () { tipsOffset = 0; });
  api('/api/health')
    .then(function (h) { byId('health').textContent = '已收录 ' + h.articles + ' 篇'; })
    .catch(function () { byId('health').textContent = '服务不可用'; });
  api('/api/rounds')
    .then(function (data) {
      meta = data;
      initFilters(byId('search-form'));
      initFilters(byId('tips-form'));
    })
    .catch(function (err) { setStatus('search-status', err.message, true); })
    .then(runSearch);
}

document.addEventListener('DOMContentLoaded', start);
`;

/** The whole page script: helpers and main code in one strict-mode IIFE, nothing leaks to window. */
export const APP_JS = `(function () {\n'use strict';\n${HELPERS_JS}\n${MAIN_JS}\n})();\n`;
