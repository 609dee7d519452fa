// The plan-bot web chat page. Every piece of text from the server or the user is put in the page
// with textContent, never as HTML. The wire protocol is the Botkit web client's:
// page → server {type: 'hello'|'welcome_back'|'message', user, channel, text};
// server → page {type: 'welcome'|'message'|'digest'|'notice', text, blocks, …}.
// Who is typing is decided by the server: on this machine (mode "local") the name chosen here is
// given at connect (/ws?name=…); otherwise the browser's sign-in session (GET /session) names it.

const NAME_KEY = 'plan-bot.name';
const SEEN_KEY = 'plan-bot.seen';
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,31}$/u;
const STATUS_COMMAND = /^\/plan update \S+ (on-track|at-risk|off-track|done)$/;
/** The longest message the server accepts, in characters (as MAX_TEXT_CHARS on the server). */
const MAX_CHARS = 10000;

const UI = {
  en: {
    tagline: 'Ask the annual work plan · 问问年度工作计划',
    send: 'Send',
    placeholder: 'Ask about a target, a task, or type /plan help…',
    chat: 'Chat',
    feed: 'Digest feed',
    feedEmpty: 'Weekly digests posted to this channel appear here.',
    nameTitle: 'Choose a name',
    nameHelp: 'It is shown with your updates and kept in this browser. Letters, digits, “.”, “_” or “-”.',
    nameStart: 'Start chatting',
    nameBad: 'Use 1–32 letters or digits (and . _ -), starting with a letter or digit.',
    me: (n) => `You: ${n}`,
    online: 'Connected',
    connecting: 'Connecting…',
    offline: (s) => `Offline · retrying in ${s} s`,
    notSent: 'Not connected yet; your message was not sent. It will work again once reconnected.',
    reconnected: 'Reconnected.',
    renamed: (n) => `You are now chatting as ${n}.`,
    hello: (n) => `Hi ${n}!`,
    welcomeBack: (n) => `Welcome back, ${n}!`,
    intro: 'I answer questions about the plan’s objectives, tasks and targets, in English or Chinese, and record status updates. Try one of these:',
    examples: ["what's the rural sewage target", '农村生活污水治理率要达到多少', 'tasks in group 3', '/plan help'],
    planText: 'Plan text',
    received: 'Received',
    tooLong: (n) => `That message has ${n.toLocaleString('en')} characters; the limit is ${MAX_CHARS.toLocaleString('en')}. Please shorten it or send it in parts — it was not sent.`,
    frameTooBig: 'The last message was too large for the server and was not received; the page reconnected. Please send a shorter message.',
    signedOut: 'Not signed in',
    signInInvite: 'This chat needs you to sign in. Ask an admin for a sign-in link (they make one with “plan-bot web invite YOUR-NAME” or “/plan invite @YOUR-NAME”), then open it in this browser. 本聊天需要登录：请向管理员索取登录链接，并在本浏览器中打开。',
    signInProxy: 'This chat needs you to sign in through your organisation’s sign-in page: reload this page through it, or ask whoever runs this chat. 本聊天需要通过单位的统一登录访问。',
    proxyBadName: (c) => `Your organisation’s sign-in names you “${c}”, which is not a chat name (1–32 letters, digits, “.”, “_” or “-”), so this chat cannot let you in. Please tell whoever runs this chat: the sign-in proxy must send a username. 统一登录传来的名字“${c}”不是有效的聊天名字，请告知本聊天的管理者。`,
    signedIn: (n) => `Signed in as ${n}`,
    signOutAsk: (n) => `Sign out ${n} from this browser? You will need a new sign-in link from an admin to come back.`,
    signOutTitle: 'Sign out of this browser',
  },
  zh: {
    tagline: '年度工作计划助手 · Ask the annual work plan',
    send: '发送',
    placeholder: '问一个指标、一项任务，或输入 /plan help…',
    chat: '对话',
    feed: '周报',
    feedEmpty: '发到本频道的每周简报会显示在这里。',
    nameTitle: '请选择一个名字',
    nameHelp: '更新进展时会显示这个名字，并保存在本浏览器中。可用字母、数字、“.”、“_”或“-”。',
    nameStart: '开始对话',
    nameBad: '名字须为 1–32 个字母或数字（可含 . _ -），并以字母或数字开头。',
    me: (n) => `我：${n}`,
    online: '已连接',
    connecting: '正在连接…',
    offline: (s) => `已断开 · ${s} 秒后重试`,
    notSent: '尚未连接，消息没有发出。重新连接后即可发送。',
    reconnected: '已重新连接。',
    renamed: (n) => `现在以 ${n} 的身份对话。`,
    hello: (n) => `${n}，你好！`,
    welcomeBack: (n) => `欢迎回来，${n}！`,
    intro: '我可以用中文或英文回答关于计划目标、任务和指标的问题，并记录进展更新。试试：',
    examples: ['农村生活污水治理率要达到多少', "what's the rural sewage target", '第三组有哪些任务', '/plan help'],
    planText: '计划原文',
    received: '收到于',
    tooLong: (n) => `该消息有 ${n} 个字符，超过上限 ${MAX_CHARS} 个，未发送。请删减或分几条发送。`,
    frameTooBig: '上一条消息过大，服务器未能接收，页面已重新连接。请发送较短的消息。',
    signedOut: '未登录',
    signInInvite: '本聊天需要登录。请向管理员索取登录链接（管理员可用“plan-bot web invite 你的名字”或“/plan 邀请 @你的名字”生成），然后在本浏览器中打开。This chat needs a sign-in link from an admin.',
    signInProxy: '本聊天需要通过单位的统一登录页面访问：请经由该页面重新打开，或联系本聊天的管理者。This chat needs your organisation’s sign-in.',
    proxyBadName: (c) => `统一登录传来的名字“${c}”不是有效的聊天名字（须为 1–32 个字母、数字或 . _ -），因此无法进入本聊天。请告知本聊天的管理者：登录代理须传送用户名。Your sign-in names you “${c}”, which is not a chat name; tell whoever runs this chat.`,
    signedIn: (n) => `已登录：${n}`,
    signOutAsk: (n) => `要在此浏览器上退出 ${n} 的登录吗？再次进入需要向管理员索取新的登录链接。`,
    signOutTitle: '在此浏览器上退出登录',
  },
};
/** The page's language: answers to messages with no words of their own (`T9`) come in it. */
const uiLang = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
const ui = UI[uiLang];

const $ = (id) => document.getElementById(id);
const log = $('log');
const input = $('input');
const room = channelFromUrl();

let name = storedName();
/** How this chat knows who is typing: 'local' (choose a name), 'invite' or 'proxy' (signed in). */
let mode = 'local';
let socket = null;
let attempt = 0;
let greeted = false;
let pending = 0;
let returning = false;
/** Set while the page reconnects under a new name, so the welcome says so rather than "reconnected". */
let renaming = false;

/** Makes an element; `text` is always set as text, never parsed as HTML. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function channelFromUrl() {
  const c = new URLSearchParams(location.search).get('channel') || 'general';
  return /^[a-z0-9][a-z0-9_-]{0,39}$/.test(c) ? c : 'general';
}

function storedName() {
  try {
    const n = localStorage.getItem(NAME_KEY);
    return n && NAME.test(n) ? n : null;
  } catch {
    return null;
  }
}

// ---- connection ----------------------------------------------------------------------------

/** Asks the server who this browser is; null when it cannot be reached. */
async function fetchSession() {
  try {
    const res = await fetch('/session', { cache: 'no-store' });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

function connect() {
  setConn('connecting');
  const query = mode === 'local' && name ? `?name=${encodeURIComponent(name)}` : '';
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws${query}`);
  socket = ws;
  ws.addEventListener('open', () => {
    try {
      returning = localStorage.getItem(SEEN_KEY) === '1';
    } catch {}
    ws.send(JSON.stringify({ type: returning ? 'welcome_back' : 'hello', user: name, channel: room }));
  });
  ws.addEventListener('message', (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame && typeof frame === 'object') onFrame(frame);
  });
  ws.addEventListener('close', (event) => {
    if (socket !== ws) return;
    socket = null;
    setPending(0);
    if (event.code === 1009) system(ui.frameTooBig, 'warn');
    reconnectLater();
  });
}

/** Retries with exponential backoff (0.5 s doubling to 15 s, with jitter) until the server is back. */
function reconnectLater() {
  const delay = Math.min(15000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
  attempt += 1;
  const until = Date.now() + delay;
  const tick = () => {
    if (socket) return;
    const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    setConn('offline', left);
    if (Date.now() >= until) (mode === 'local' ? connect() : resume());
    else setTimeout(tick, Math.min(1000, until - Date.now()));
  };
  tick();
}

function setConn(state, seconds) {
  const conn = $('conn');
  conn.dataset.state = state;
  conn.textContent = state === 'offline' ? ui.offline(seconds) : state === 'signedout' ? ui.signedOut : ui[state];
  $('send').disabled = state !== 'online';
}

function onFrame(frame) {
  switch (frame.type) {
    case 'welcome':
      attempt = 0;
      setConn('online');
      // The server says who this socket is; the page shows that, whatever it asked for.
      if (typeof frame.user === 'string' && frame.user !== name) {
        name = frame.user;
        showMe();
      }
      try {
        localStorage.setItem(SEEN_KEY, '1');
      } catch {}
      if (!greeted) greet(returning ? ui.welcomeBack(name) : ui.hello(name));
      else if (renaming) system(ui.renamed(name));
      else system(ui.reconnected);
      renaming = false;
      greeted = true;
      $('feed').replaceChildren();
      for (const d of [...(frame.digests || [])].reverse()) addDigest(d, false);
      break;
    case 'message':
      setPending(pending - 1);
      addRow('bot', replyCard(frame));
      break;
    case 'digest':
      addDigest(frame, true);
      break;
    case 'notice':
      setPending(0);
      system(frame.text, 'warn');
      break;
    default:
      break;
  }
}

// ---- sending ------------------------------------------------------------------------------

/**
 * Sends a message. A button says so and gives its card's language (`lang`), so the answer comes in
 * the card's language; typed text gives the page's.
 */
function send(text, { button = false, lang = uiLang } = {}) {
  const t = String(text).trim();
  if (!t) return false;
  const length = [...t].length;
  if (length > MAX_CHARS) {
    system(ui.tooLong(length), 'warn');
    return false;
  }
  if (!socket || socket.readyState !== WebSocket.OPEN || $('conn').dataset.state !== 'online') {
    system(ui.notSent, 'warn');
    return false;
  }
  addRow('me', el('div', 'bubble', t));
  socket.send(JSON.stringify({ type: 'message', user: name, channel: room, text: t, lang: lang === 'zh' ? 'zh' : 'en', button }));
  setPending(pending + 1);
  return true;
}

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  if (send(input.value)) input.value = '';
  input.focus();
});

// ---- the message list ---------------------------------------------------------------------

function addRow(who, content) {
  const row = el('li', `row ${who}`);
  if (who === 'bot') row.append(el('span', 'avatar', '计'));
  row.append(content);
  const typing = log.querySelector('.row.typing');
  log.insertBefore(row, typing);
  scrollDown();
  return row;
}

function system(text, kind = '') {
  const row = el('li', `sys ${kind}`.trim());
  row.append(el('span', '', text));
  log.insertBefore(row, log.querySelector('.row.typing'));
  scrollDown();
}

function setPending(n) {
  pending = Math.max(0, n);
  const typing = log.querySelector('.row.typing');
  if (pending > 0 && !typing) {
    const row = el('li', 'row bot typing');
    row.append(el('span', 'avatar', '计'));
    const dots = el('div', 'dots');
    dots.setAttribute('aria-label', '…');
    for (let i = 0; i < 3; i++) dots.append(el('span'));
    row.append(dots);
    log.append(row);
    scrollDown();
  } else if (pending === 0 && typing) typing.remove();
}

function scrollDown() {
  log.scrollTop = log.scrollHeight;
}

function greet(title) {
  const card = el('article', 'card greeting');
  card.append(el('h3', 'card-title', title), el('p', 'para', ui.intro));
  const chips = el('div', 'chips');
  for (const q of ui.examples) {
    const chip = el('button', 'chip', q);
    chip.type = 'button';
    chip.addEventListener('click', () => send(q));
    chips.append(chip);
  }
  card.append(chips);
  addRow('bot', card);
}

// ---- replies ------------------------------------------------------------------------------

/** A reply as a card built from its blocks (or its plain text when it has none). */
function replyCard(frame, compact = false) {
  const card = el('article', `card${frame.error ? ' card-error' : ''}${compact ? ' compact' : ''}`);
  card.lang = frame.lang === 'zh' ? 'zh-CN' : 'en';
  for (const block of Array.isArray(frame.blocks) ? frame.blocks : []) {
    const node = renderBlock(block, frame.lang);
    if (node) card.append(node);
  }
  for (const file of Array.isArray(frame.files) ? frame.files : []) {
    const node = fileLink(file, frame.lang);
    if (node) card.append(node);
  }
  if (!card.childNodes.length) card.append(el('p', 'para', frame.text || ''));
  return card;
}

/** A file the reply carries: a download link (valid 10 minutes), an image shown inline above its link. */
function fileLink(f, lang) {
  if (!f || typeof f.url !== 'string' || !f.url.startsWith('/files/')) return null;
  const box = el('div', 'file');
  if (/^image\//.test(String(f.mediaType))) {
    const img = el('img', 'file-image');
    img.src = f.url;
    img.alt = String(f.title || f.name || '');
    box.append(img);
  }
  const a = el('a', 'file-link', `⬇ ${f.name} (${fileSize(f.size)})`);
  a.href = f.url;
  a.download = String(f.name || '');
  a.title = lang === 'zh' ? `链接有效至 ${new Date(f.expiresAt).toLocaleTimeString()}` : `Link valid until ${new Date(f.expiresAt).toLocaleTimeString()}`;
  box.append(a);
  return box;
}

function fileSize(n) {
  const bytes = Number(n) || 0;
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
}

function renderBlock(b, lang) {
  if (!b || typeof b !== 'object') return null;
  switch (b.type) {
    case 'heading':
      return el('h3', 'card-title', b.text);
    case 'paragraph':
      return el('p', 'para', b.text);
    case 'context':
      return el('p', 'context', b.text);
    case 'quote': {
      const fig = el('figure', 'quote');
      const q = el('blockquote', '', b.text);
      q.lang = 'zh-CN';
      const cap = el('figcaption', '', `${lang === 'zh' ? UI.zh.planText : UI.en.planText} · `);
      cap.append(idChip(b.source, lang));
      fig.append(q, cap);
      return fig;
    }
    case 'fields': {
      const dl = el('dl', 'fields');
      for (const f of b.fields || []) {
        const pair = el('div', 'field');
        pair.append(el('dt', '', f.label), el('dd', '', f.value));
        dl.append(pair);
      }
      return dl;
    }
    case 'progress':
      return progress(b);
    case 'list': {
      const ul = el('ul', 'items');
      for (const item of b.items || []) {
        const li = el('li');
        li.append(idChip(item.id, lang), el('span', '', item.text));
        ul.append(li);
      }
      return ul;
    }
    case 'actions': {
      const bar = el('div', 'actions');
      for (const button of b.buttons || []) {
        const btn = el('button', 'action', button.label);
        btn.type = 'button';
        btn.title = button.command;
        const status = STATUS_COMMAND.exec(button.command || '');
        if (status) btn.dataset.status = status[1];
        btn.addEventListener('click', () => send(button.command, { button: true, lang }));
        bar.append(btn);
      }
      return bar;
    }
    default:
      return null;
  }
}

/** A progress bar drawn in text (ten cells of ▓ and ░), as in every other channel, with its numbers. */
function progress(b) {
  const row = el('div', 'progress');
  const cells = 10;
  const ratio = typeof b.ratio === 'number' && Number.isFinite(b.ratio) ? b.ratio : null;
  const filled = ratio === null ? 0 : Math.max(0, Math.min(cells, Math.round(ratio * cells)));
  const bar = el('span', 'bar');
  bar.setAttribute('role', 'img');
  bar.setAttribute('aria-label', ratio === null ? '—' : `${Math.round(ratio * 100)}%`);
  bar.append(el('span', 'bar-fill', '▓'.repeat(filled)), el('span', 'bar-empty', '░'.repeat(cells - filled)));
  if (ratio !== null && ratio >= 1) bar.classList.add('full');
  row.append(el('span', 'progress-label', b.label), bar, el('span', 'progress-detail', b.detail));
  return row;
}

/** An item id that shows the item when clicked. */
function idChip(id, lang) {
  const chip = el('button', 'id-chip', id);
  chip.type = 'button';
  chip.title = `/plan show ${id}`;
  chip.addEventListener('click', () => send(`/plan show ${id}`, { button: true, lang }));
  return chip;
}

// ---- digest feed --------------------------------------------------------------------------

function addDigest(frame, fresh) {
  const item = el('li', `digest${fresh ? ' fresh' : ''}`);
  const where = frame.channel && frame.channel !== `web:${room}` ? `${frame.channel} · ` : '';
  const meta = el('p', 'digest-meta', `${where}${ui.received} ${new Date().toLocaleString()}`);
  item.append(meta, replyCard(frame, true));
  $('feed').prepend(item);
  $('feed-empty').hidden = true;
}

// ---- who is chatting ----------------------------------------------------------------------

function askName(first) {
  const dialog = $('name-dialog');
  const field = $('name-input');
  field.value = name || '';
  $('name-error').textContent = '';
  dialog.showModal();
  field.focus();
  $('name-form').onsubmit = (event) => {
    const n = field.value.normalize('NFKC').trim();
    if (!NAME.test(n)) {
      event.preventDefault();
      $('name-error').textContent = ui.nameBad;
      return;
    }
    const renamed = name && name !== n;
    name = n;
    try {
      localStorage.setItem(NAME_KEY, n);
    } catch {}
    showMe();
    if (first) connect();
    else if (renamed) {
      // The name is bound to the socket when it connects: a new name is a new connection.
      const old = socket;
      socket = null;
      old?.close();
      renaming = true;
      connect();
    }
    setTimeout(() => input.focus(), 0);
  };
  dialog.oncancel = (event) => {
    if (!name) event.preventDefault();
  };
}

function showMe() {
  const me = $('me');
  me.hidden = false;
  me.textContent = mode === 'local' ? ui.me(name) : ui.signedIn(name);
  // Signed in from a link (a shared computer, say): the button signs out. A proxy signs people in on each request.
  me.disabled = mode === 'proxy';
  me.title = mode === 'invite' ? ui.signOutTitle : '';
}

/** Signs this browser out (after asking), then shows how to sign in again. */
async function signOut() {
  if (!window.confirm(ui.signOutAsk(name))) return;
  try {
    await fetch('/signout', { method: 'POST' });
  } catch {
    // The page reloads either way and asks the server who it is.
  }
  location.reload();
}

/** Beyond this machine: connect when the browser is signed in, else say how to sign in. */
async function resume() {
  const session = await fetchSession();
  if (!session) return reconnectLater();
  mode = session.mode;
  if (mode === 'local') return name ? connect() : askName(true);
  if (!session.user) {
    setConn('signedout');
    if (!$('signin')) {
      const row = el('li', 'sys warn');
      row.id = 'signin';
      const why = session.problem === 'proxy-bad-name' ? ui.proxyBadName(String(session.claimed ?? '')) : mode === 'proxy' ? ui.signInProxy : ui.signInInvite;
      row.append(el('span', '', why));
      log.insertBefore(row, log.querySelector('.row.typing'));
    }
    return;
  }
  $('signin')?.remove();
  name = session.user;
  showMe();
  connect();
}

function start() {
  document.documentElement.lang = ui === UI.zh ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-ui]')) node.textContent = ui[node.dataset.ui];
  for (const node of document.querySelectorAll('[data-ui-label]')) node.setAttribute('aria-label', ui[node.dataset.uiLabel]);
  input.placeholder = ui.placeholder;
  $('feed-channel').textContent = `web:${room}`;
  $('me').addEventListener('click', () => (mode === 'local' ? askName(false) : mode === 'invite' ? signOut() : undefined));
  setConn('connecting');
  void resume();
}

start();
