// Browser-side helpers of app.js, kept apart so the sanitizer can be tested on its own.
// Plain ES2017 in a raw string: no build step, and no backticks or template placeholders inside.

/** Labels and DOM helpers shared by the console page script; defines top-level functions. */
export const HELPERS_JS = String.raw`
var LEVEL_LABELS = { red: '红', orange: '橙', yellow: '黄', green: '绿' };
var PHASE_LABELS = { entry: '进驻', feedback: '反馈', rectification: '整改' };
var STATUS_LABELS = { new: '待研判', assigned: '已分办', in_progress: '处置中', closed: '已办结', dismissed: '已排除' };

function own(map, key) {
  return Object.prototype.hasOwnProperty.call(map, key);
}

// Escape every markup character but keep well-formed entities: the API has already escaped the text once,
// and escaping "&lt;" again would show it to the reader as "&lt;".
function escapeKeepingEntities(text) {
  return text
    .replace(/&(?!(?:lt|gt|amp|quot|apos|nbsp|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// Highlights are crawled text: whatever the API sends, only <mark> and </mark> survive as markup.
function sanitizeHighlight(html) {
  return String(html)
    .split(/(<\/?mark>)/)
    .map(function (part, i) {
      return i % 2 === 1 ? part : escapeKeepingEntities(part);
    })
    .join('');
}

function safeUrl(url) {
  try {
    var parsed = new URL(String(url));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

function el(tag, props, children) {
  var node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (key) {
    var value = props[key];
    if (value === undefined || value === null) return;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, String(value));
  });
  (children || []).forEach(function (child) {
    if (child === null || child === undefined || child === false) return;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

function link(text, url) {
  var href = safeUrl(url);
  if (href === null) return el('span', { text: text, title: '链接无效' });
  return el('a', { href: href, target: '_blank', rel: 'noopener noreferrer', text: text });
}

function badge(level) {
  var known = own(LEVEL_LABELS, level);
  return el('span', {
    className: 'badge' + (known ? ' ' + level : ''),
    text: known ? LEVEL_LABELS[level] : '?',
    title: '风险等级',
  });
}

function formatTime(iso, timezone) {
  if (!iso) return '时间未知';
  var date = new Date(iso);
  if (isNaN(date.getTime())) return '时间未知';
  try {
    return new Intl.DateTimeFormat('zh-CN', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  } catch (e) {
    return date.toISOString();
  }
}

function formatPoints(points) {
  var n = Number(points) || 0;
  var rounded = Math.round(n * 10) / 10;
  return (rounded > 0 ? '+' : '') + rounded;
}

function partsList(parts) {
  return el(
    'ul',
    { className: 'parts' },
    (parts || []).map(function (part) {
      return el('li', {}, [
        el('span', { text: part.label }),
        el('span', { className: 'pts' + (part.points < 0 ? ' neg' : ''), text: formatPoints(part.points) + ' 分' }),
      ]);
    }),
  );
}

function api(path, params) {
  var query = new URLSearchParams();
  Object.keys(params || {}).forEach(function (key) {
    var value = params[key];
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  });
  var qs = query.toString();
  return fetch(path + (qs ? '?' + qs : ''), { headers: { Accept: 'application/json' } }).then(function (res) {
    return res.json().then(function (body) {
      if (!res.ok) throw new Error((body && body.error && body.error.message) || '请求失败：' + res.status);
      return body;
    });
  });
}

function pager(container, total, offset, limit, onPage) {
  container.textContent = '';
  if (total <= limit) return;
  var page = Math.floor(offset / limit) + 1;
  var pages = Math.ceil(total / limit);
  var prev = el('button', { type: 'button', text: '上一页' });
  var next = el('button', { type: 'button', text: '下一页' });
  prev.disabled = page <= 1;
  next.disabled = page >= pages;
  prev.addEventListener('click', function () { onPage(offset - limit); });
  next.addEventListener('click', function () { onPage(offset + limit); });
  container.appendChild(prev);
  container.appendChild(el('span', { text: '第 ' + page + ' / ' + pages + ' 页，共 ' + total + ' 条' }));
  container.appendChild(next);
}
`;
