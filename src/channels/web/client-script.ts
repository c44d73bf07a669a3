/**
 * The browser side of the web chat, served as `/chat.js`: plain ES2019, no framework, no build.
 * Kept as a string so the app needs no file system (Cloudflare Workers). Page texts come from
 * `data-*` attributes on #chat; bot HTML is the server's safe HTML, user text is only textContent.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var root = document.getElementById('chat');
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var alertBox = document.getElementById('alert');
  var picker = document.getElementById('lang');
  var restart = document.getElementById('restart');
  if (!root || !log || !form || !input || !window.fetch || !window.crypto) return;
  var strings = root.dataset;
  var pageLang = document.documentElement.lang;
  var TOKEN_KEY = 'webchat.token';
  var LAST_KEY = 'webchat.last';
  var memory = {};
  var queue = Promise.resolve();
  var pending = 0;

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return memory[key] || null; }
  }
  function save(key, value) {
    memory[key] = value;
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: memory only */ }
  }
  function forget(key) {
    delete memory[key];
    try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }
  function randomHex(bytes) {
    var a = new Uint8Array(bytes);
    window.crypto.getRandomValues(a);
    var s = '';
    for (var i = 0; i < a.length; i++) s += ('0' + a[i].toString(16)).slice(-2);
    return s;
  }
  function token() {
    var t = load(TOKEN_KEY);
    if (!t || !/^[A-Za-z0-9_-]{22,64}$/.test(t)) {
      t = randomHex(24);
      save(TOKEN_KEY, t);
    }
    return t;
  }
  function apiUrl(path) {
    return path + (path.indexOf('?') < 0 ? '?' : '&') + 'lang=' + encodeURIComponent(pageLang);
  }
  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }
  // One retry after a network failure, with the same body and so the same message id:
  // the server recognises a repeated id and does not act twice.
  function request(url, init) {
    return fetch(url, init).catch(function () {
      return wait(1000).then(function () { return fetch(url, init); });
    }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }

  function showAlert(text) {
    if (!alertBox) return;
    alertBox.textContent = text;
    alertBox.hidden = false;
  }
  function hideAlert() {
    if (alertBox) alertBox.hidden = true;
  }
  function busy(delta) {
    pending += delta;
    log.setAttribute('aria-busy', pending > 0 ? 'true' : 'false');
  }

  function safeLinks(el) {
    var links = el.querySelectorAll('a');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href') || '';
      if (!/^(https?:|mailto:|tel:)/i.test(href)) links[i].removeAttribute('href');
      links[i].setAttribute('rel', 'noopener noreferrer');
      links[i].setAttribute('target', '_blank');
    }
  }
  function hidden(text) {
    var span = document.createElement('span');
    span.className = 'visually-hidden';
    span.textContent = text + ' ';
    return span;
  }
  function buttonRow(list, className, columns) {
    var box = document.createElement('div');
    box.className = className;
    box.setAttribute('data-cols', String(Math.max(1, Math.min(4, columns || 1))));
    list.forEach(function (c) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = c.text;
      if (c.command) b.setAttribute('data-command', c.command);
      else b.setAttribute('data-choice', c.id);
      box.appendChild(b);
    });
    return box;
  }
  function botItem(html, language, dir) {
    var li = document.createElement('li');
    li.className = 'msg bot';
    if (language) li.lang = language;
    li.dir = dir || 'auto';
    li.appendChild(hidden(strings.assistant || ''));
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.innerHTML = html; // safe HTML rendered and escaped by the server
    safeLinks(bubble);
    li.appendChild(bubble);
    log.appendChild(li);
    return li;
  }
  function botMessage(m) {
    var li = botItem(m.html, m.language, m.dir);
    if (m.choices && m.choices.length) li.appendChild(buttonRow(m.choices, 'choices', m.columns));
    if (m.nav && m.nav.length) li.appendChild(buttonRow(m.nav, 'nav', m.nav.length));
    return li;
  }
  function userMessage(text) {
    var li = document.createElement('li');
    li.className = 'msg user';
    li.dir = 'auto';
    li.appendChild(hidden(strings.you || ''));
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = text;
    li.appendChild(bubble);
    log.appendChild(li);
    return li;
  }
  function decode(html) {
    return new DOMParser().parseFromString(html, 'text/html').body.textContent || '';
  }
  function setInputKind(kind) {
    if (kind === 'number') input.setAttribute('inputmode', 'numeric');
    else input.removeAttribute('inputmode');
  }
  function disableButtons() {
    var list = log.querySelectorAll('button:not(:disabled)');
    for (var i = 0; i < list.length; i++) list[i].disabled = true;
    return list;
  }
  function enable(list) {
    for (var i = 0; i < list.length; i++) list[i].disabled = false;
  }
  function reveal(li, focusButton) {
    if (!li) return;
    li.scrollIntoView({ block: 'start' });
    var first = li.querySelector('button');
    if (focusButton && first) first.focus({ preventScroll: true });
  }

  function render(reply) {
    var messages = reply.messages || [];
    var first = null;
    var last = null;
    messages.forEach(function (m) {
      last = botMessage(m);
      if (!first) first = last;
      setInputKind(m.input);
    });
    if (messages.length) save(LAST_KEY, JSON.stringify(messages[messages.length - 1]));
    var focusLost = !document.activeElement || document.activeElement === document.body;
    reveal(first, focusLost && first === last);
  }

  // Sends one message; resolves with the reply, or null after telling the person it failed.
  function send(fields) {
    var body = { token: token(), id: randomHex(16) };
    Object.keys(fields).forEach(function (k) { body[k] = fields[k]; });
    var init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store'
    };
    busy(1);
    hideAlert();
    var result = queue.then(function () {
      return request(apiUrl('/api/chat/messages'), init);
    }).then(function (reply) {
      render(reply);
      return reply;
    }, function () {
      showAlert(strings.error || '');
      return null;
    }).then(function (reply) {
      busy(-1);
      return reply;
    });
    queue = result;
    return result;
  }

  function press(button) {
    var disabled = disableButtons();
    button.classList.add('chosen');
    var echo = userMessage(button.textContent || '');
    var command = button.getAttribute('data-command');
    var fields = command ? { command: command } : { choice: button.getAttribute('data-choice') };
    send(fields).then(function (reply) {
      if (reply) return;
      echo.remove();
      button.classList.remove('chosen');
      enable(disabled);
    });
  }

  log.addEventListener('click', function (e) {
    var target = e.target instanceof Element ? e.target.closest('button') : null;
    if (target && !target.disabled && log.contains(target)) press(target);
  });

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    var disabled = disableButtons();
    var echo = userMessage(text);
    echo.scrollIntoView({ block: 'nearest' });
    send({ text: text }).then(function (reply) {
      if (reply) return;
      echo.remove();
      enable(disabled);
      if (!input.value) input.value = text;
    });
  });

  if (picker) {
    picker.addEventListener('change', function () {
      var tag = picker.value;
      // The conversation keeps its token; only the page chrome reloads in the new language.
      send({ language: tag }).then(function (reply) {
        if (reply) window.location.assign(window.location.pathname + '?lang=' + encodeURIComponent(tag));
        else picker.value = pageLang;
      });
    });
  }

  if (restart) {
    restart.addEventListener('click', function (e) {
      e.preventDefault();
      if (strings.confirmRestart && !window.confirm(strings.confirmRestart)) return;
      forget(TOKEN_KEY);
      forget(LAST_KEY);
      log.textContent = '';
      send({ command: 'start', language: pageLang });
    });
  }

  function showHistory(messages) {
    var lastOut = -1;
    messages.forEach(function (m, i) { if (m.direction === 'out') lastOut = i; });
    var cached = null;
    try { cached = JSON.parse(load(LAST_KEY) || 'null'); } catch (e) { cached = null; }
    var li = null;
    messages.forEach(function (m, i) {
      if (m.direction === 'in') {
        li = userMessage(decode(m.html));
      } else if (i === lastOut && i === messages.length - 1 && cached && cached.html === m.html) {
        li = botMessage(cached); // the buttons of the open question survive a reload
        setInputKind(cached.input);
      } else {
        li = botItem(m.html, '', 'auto');
        if (i === messages.length - 1 && strings.menu) {
          li.appendChild(buttonRow([{ text: strings.menu, command: 'menu' }], 'nav', 1));
        }
      }
    });
    if (li) li.scrollIntoView({ block: 'end' });
  }

  busy(1);
  request(apiUrl('/api/chat/history?token=' + encodeURIComponent(token())), { cache: 'no-store' })
    .then(function (data) {
      var messages = (data && data.messages) || [];
      if (messages.length) showHistory(messages);
      else send({ command: 'start', language: pageLang });
    }, function () {
      showAlert(strings.error || '');
    })
    .then(function () { busy(-1); });
})();
`;
