// A small page on tlim's two web interfaces: the HTTP API (/plugins/tlim) for history and
// the live WebSocket (/live) for what arrives and for sending, both with the user's bearer token.
// Text is always shown as text.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let me = null;
  let token = null;
  const shown = new Set(); // msg_ids on screen: delivery is at-least-once

  function show(envelope, kind) {
    if (!envelope.msg_id || shown.has(envelope.msg_id)) return;
    shown.add(envelope.msg_id);
    const body = Array.isArray(envelope.body) ? envelope.body : JSON.parse(envelope.body || '[]');
    const item = document.createElement('li');
    item.className = kind || (envelope.msg_from === me ? 'mine' : '');
    item.dataset.msgId = envelope.msg_id;
    const first = body[0] || {};
    const content = first.text !== undefined ? first.text : first.file_id ? '[file ' + first.file_id + ']' : envelope.msg_type;
    item.textContent = envelope.msg_from + ': ' + (envelope.recalled ? 'message recalled' : content);
    if (envelope.recalled) item.className = 'recalled';
    $('messages').appendChild(item);
  }

  function receive(event) {
    const envelope = JSON.parse(event.data);
    if (envelope.msg_type === 'MTC-001') {
      const answer = envelope.body[0];
      $('status').textContent = answer.result === 'ok' ? 'sent' : 'refused: ' + answer.result_detail;
      return;
    }
    show(envelope, envelope.msg_from === 'system' ? 'system' : undefined);
  }

  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    me = $('me').value.trim();
    token = $('token').value.trim();
    if (socket) socket.close();
    // browsers cannot set headers on a WebSocket handshake, and a token in the query string
    // ends up in access logs: the handshake carries a single-use ticket instead
    const issued = await (await fetch('/plugins/tlim/liveTicket', {
      method: 'POST', headers: { Authorization: 'Bearer ' + token }
    })).json();
    if (issued.result !== 'ok') { $('status').textContent = 'login: ' + issued.result_detail; return; }
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + '/live?ticket=' + encodeURIComponent(issued.ticket));
    socket.onopen = () => { $('status').textContent = 'connected as ' + me; $('chat').hidden = false; };
    socket.onclose = () => { $('status').textContent = 'not connected'; };
    socket.onmessage = receive;
  });

  $('history').addEventListener('click', async () => {
    const peer = $('peer').value.trim();
    const url = '/plugins/tlim/findChatHistory?session_id=' + encodeURIComponent(peer)
      + '&user_id=' + encodeURIComponent(me) + '&length=50';
    const answer = await (await fetch(url, { headers: { Authorization: 'Bearer ' + token } })).json();
    if (answer.result !== 'ok') { $('status').textContent = 'history: ' + answer.result_detail; return; }
    answer.message_list.slice().reverse().forEach((m) => show(m));
  });

  $('chat').addEventListener('submit', (e) => {
    e.preventDefault();
    const envelope = {
      compress: '0', encode: '1', encrypt: '0', version: '2.0.0',
      msg_from: me, msg_to: $('peer').value.trim(), msg_id: crypto.randomUUID(),
      msg_type: 'MTT-000', msg_time: String(Date.now()), body: [{ text: $('text').value }]
    };
    socket.send(JSON.stringify(envelope));
    show(envelope, 'mine');
    $('text').value = '';
  });
})();
