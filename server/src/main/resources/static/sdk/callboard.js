// Callboard JS SDK: sign-in, the realtime session (heartbeats, activity, beacon, reconnect and
// resync from hello), presence, missed calls and calls with WebRTC media.
//
//   import { CallboardClient } from '/sdk/callboard.js';
//   const cb = CallboardClient.shared();          // one client per page, token from sessionStorage
//   await cb.login('alice@example.com', '…');     // or cb.useToken(token)
//   cb.connect();
//   cb.addEventListener('presence', e => console.log(e.detail));
//
// Inside a host app, let the host's backend hand out tokens (a host-signed JWT, or one minted with an
// API key through POST /api/tokens); the SDK asks again before each expires and keeps sockets up:
//
//   CallboardClient.configure({ baseUrl: 'https://calls.example.com',
//     tokenProvider: async () => (await fetch('/my-backend/callboard-token')).json() }); // {token, expiresAt}
//
// Events (CustomEvent, payload in `detail`): 'connection' {connected}, 'hello', 'me',
// 'presence' (a presence), 'missed-call' (a missed call), 'missed-count' {count},
// 'call' (a Call that appeared: incoming or outgoing), 'call-update' (a Call that changed),
// 'signed-out'.

import { ActivityTracker } from './activity.js';
import { Call } from './call.js';

export { Call };

const TOKEN_KEY = 'callboard.token';
const DEVICE_KEY = 'callboard.deviceId';
const CALL_EVENTS = new Set(['call.incoming', 'call.ringing', 'call.answered', 'call.answered_elsewhere',
  'call.declined', 'call.cancelled', 'call.missed', 'call.ended', 'call.failed']);

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

let shared = null;

export class CallboardClient extends EventTarget {
  /** The user, once known (after login or hello). */
  me = null;
  connected = false;
  unseenMissedCalls = 0;
  /** userId → presence */
  presence = new Map();
  /** callId → Call */
  calls = new Map();

  #base;
  #storage;
  #ws = null;
  #wantConnected = false;
  #attempt = 0;
  #reconnectTimer = null;
  #heartbeatTimer = null;
  #heartbeatMs = 30000;
  #beacon = null;
  #nextId = 1;
  #pending = new Map();
  #activity = new ActivityTracker(() => this.#heartbeat());
  #iceServers = null;
  #tokenProvider = null;
  #refreshing = null;
  #refreshTimer = null;

  constructor({ baseUrl = '', storage = sessionStorage, token, tokenProvider } = {}) {
    super();
    this.#base = baseUrl.replace(/\/$/, '');
    this.#storage = storage;
    this.#useCredentials({ token, tokenProvider });
  }

  /** One client per page, so every component on it shares the session. */
  static shared() {
    shared ??= new CallboardClient();
    return shared;
  }

  /**
   * Points the page's shared client (the one every element uses, including elements that already
   * exist) at a Callboard server on another origin: `configure({ baseUrl: 'https://calls.example.com' })`.
   * Every URL follows: REST, the beacon, and the WebSocket (wss for an https baseUrl). Call it before
   * `login`/`connect`; the server must list this page's origin in `callboard.web.allowed-origins`.
   *
   * `token` uses a token the host already has; `tokenProvider` is an async function the SDK calls
   * whenever it needs a token (at first, shortly before the current one expires, after a 401). It
   * returns a token string or `{token, expiresAt}` (what `POST /api/tokens` answers); an open socket
   * moves to each new token without reconnecting.
   */
  static configure({ baseUrl = '', storage, token, tokenProvider } = {}) {
    const client = CallboardClient.shared();
    if (client.#wantConnected) throw new Error('configure() must come before connect()');
    client.#base = baseUrl.replace(/\/$/, '');
    if (storage) client.#storage = storage;
    client.#useCredentials({ token, tokenProvider });
    return client;
  }

  #useCredentials({ token, tokenProvider }) {
    if (tokenProvider !== undefined && typeof tokenProvider !== 'function') throw new TypeError('tokenProvider must be a function');
    if (tokenProvider) this.#tokenProvider = tokenProvider;
    if (token) this.#storage.setItem(TOKEN_KEY, token);
  }

  get token() { return this.#storage.getItem(TOKEN_KEY); }
  get signedIn() { return !!this.token || !!this.#tokenProvider; }

  /**
   * Asks the tokenProvider for a new token (one request at a time), stores it, schedules the next
   * refresh and moves an open socket to it. Resolves to the token.
   */
  refreshToken() {
    if (!this.#tokenProvider) return Promise.reject(new Error('no tokenProvider configured'));
    this.#refreshing ??= (async () => {
      await null; // a provider that throws at once must not clear #refreshing before it is set
      try {
        const given = await this.#tokenProvider();
        const token = typeof given === 'string' ? given : given?.token;
        if (!token) throw new Error('the tokenProvider gave no token');
        this.#storage.setItem(TOKEN_KEY, token);
        this.#scheduleRefresh(expiryOf(given, token));
        this.#moveSocketTo(token);
        return token;
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }

  #scheduleRefresh(expiresAt) {
    clearTimeout(this.#refreshTimer);
    if (!expiresAt) return;
    const lifetime = expiresAt - Date.now();
    // Already (nearly) expired by this clock, or a clock far off: no timer (that would loop against
    // the provider); the next 401 asks for a new token instead.
    if (lifetime < 10000) return;
    // a minute before expiry, or a fifth of the lifetime for short tokens; setTimeout holds 2^31-1 ms at most
    const inMs = Math.min(2 ** 31 - 1, Math.max(5000, lifetime - Math.min(60000, lifetime / 5)));
    this.#refreshTimer = setTimeout(() => this.refreshToken().catch(e => console.warn('callboard: token refresh', e.message)), inMs);
  }

  #moveSocketTo(token) {
    if (this.#ws?.readyState !== WebSocket.OPEN) return;
    this.send('session.refresh', { token }).catch(e => {
      // refused (another user's token, or not valid): reconnect with it, which tells. A lost answer
      // or a busy server is no reason to drop the socket: it stays on its old token meanwhile.
      if (['forbidden', 'unauthorized', 'invalid_token', 'user_deactivated', 'user_deleted'].includes(e?.code)) {
        this.#ws?.close(4000, 'token refresh refused');
      }
    });
  }

  /** This tab's device id: stable across reloads of the tab, different in every tab. */
  get deviceId() {
    let id = this.#storage.getItem(DEVICE_KEY);
    if (!id) {
      id = 'web-' + crypto.randomUUID().slice(0, 18);
      this.#storage.setItem(DEVICE_KEY, id);
    }
    return id;
  }

  async login(email, password) {
    const res = await this.api('POST', '/api/auth/login', { email, password }, { anonymous: true });
    this.#storage.setItem(TOKEN_KEY, res.token);
    this.#setMe(res.user);
    return res.user;
  }

  /** Uses a token the host application already has. */
  async useToken(token) {
    this.#storage.setItem(TOKEN_KEY, token);
    this.#moveSocketTo(token);
    this.#setMe(await this.api('GET', '/api/me'));
    return this.me;
  }

  /** Restores the session of this tab, if any: resolves to the user or null. */
  async resume() {
    if (!this.token && this.#tokenProvider) await this.refreshToken();
    if (!this.token) return null;
    try {
      this.#setMe(await this.api('GET', '/api/me'));
      return this.me;
    } catch (e) {
      if (e.status === 401) this.#signedOut();
      throw e;
    }
  }

  async logout() {
    this.#wantConnected = false;
    this.#tokenProvider = null;
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify({ type: 'bye', data: {} }));
    try { await this.api('POST', '/api/auth/logout'); } catch { /* the token is dropped anyway */ }
    this.#signedOut();
  }

  /** A REST call. Rejects with an ApiError carrying the server's error code. */
  async api(method, path, body, { anonymous = false, headers = {}, retried = false } = {}) {
    if (!anonymous && !this.token && this.#tokenProvider) await this.refreshToken();
    const h = { ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    const used = this.token;
    if (!anonymous && used) h.Authorization = `Bearer ${used}`;
    const res = await fetch(this.#base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 204) return null;
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      if (res.status === 401 && !anonymous && this.#tokenProvider && !retried) {
        // expired or revoked: one new token (unless another request got one meanwhile), one more try
        if (this.token === used) await this.refreshToken();
        return this.api(method, path, body, { anonymous, headers, retried: true });
      }
      if (res.status === 401 && !anonymous) this.#signedOut();
      throw new ApiError(res.status, json?.error?.code, json?.error?.message);
    }
    return json;
  }

  // ---- directory, presence, history, missed calls -------------------------------------------

  directory() { return this.api('GET', '/api/directory'); }
  presenceOf(userId) { return this.presence.get(userId) ?? null; }
  /** {status?, durationSeconds?, message?, messageDurationSeconds?}; null clears. */
  setPresence(update) { return this.api('PUT', '/api/presence/me', update); }
  history({ direction, status, cursor, limit } = {}) {
    return this.api('GET', '/api/calls/history' + query({ direction, status, cursor, limit }));
  }
  missedCalls({ unseen, cursor, limit } = {}) {
    return this.api('GET', '/api/missed-calls' + query({ unseen, cursor, limit }));
  }
  async markMissedCallsSeen() {
    const { count } = await this.api('POST', '/api/missed-calls/seen');
    this.#setUnseen(count);
  }
  async iceServers() {
    if (!this.#iceServers || this.#iceServers.expires < Date.now()) {
      const res = await this.api('GET', '/api/calls/ice-servers');
      this.#iceServers = { iceServers: res.iceServers ?? [], expires: Date.now() + (res.ttlSeconds ?? 600) * 500 };
    }
    return this.#iceServers;
  }

  // ---- calls ----------------------------------------------------------------------------------

  /**
   * Calls someone. Resolves to the Call: `ringing` (media starts at once), or already `missed`
   * with reason `offline` / `do_not_disturb` / `user_busy` (the callee gets a missed call).
   */
  async call(calleeId, media = 'video') {
    const data = await this.api('POST', '/api/calls', { calleeId, media }, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
    return this.#startOutgoing(data);
  }

  /** Calls back a missed call's caller; the record is marked seen. */
  async callBack(missedCallId) {
    const data = await this.api('POST', `/api/missed-calls/${missedCallId}/call-back`, undefined,
      { headers: { 'Idempotency-Key': crypto.randomUUID() } });
    return this.#startOutgoing(data);
  }

  #startOutgoing(data) {
    if (data.replacedBy) {
      // Lost a glare: the other person's call to us survives and is ringing here already.
      return this.calls.get(data.replacedBy) ?? this.#track(data);
    }
    const call = this.#track(data);
    if (call.active) call.startMedia();
    return call;
  }

  #track(data) {
    let call = this.calls.get(data.id);
    if (call) {
      call.update(data);
      return call;
    }
    call = new Call(this, data);
    this.calls.set(data.id, call);
    call.addEventListener('ended', () => {
      this.#emit('call-update', call);
      setTimeout(() => this.calls.delete(call.id), 60000);
    });
    this.#emit('call', call);
    return call;
  }

  // ---- the realtime session -------------------------------------------------------------------

  /** Opens the WebSocket and keeps it open (reconnecting with backoff) until logout/disconnect. */
  connect() {
    if (this.#wantConnected) return;
    this.#wantConnected = true;
    this.#activity.start();
    addEventListener('pagehide', this.#onPageHide);
    addEventListener('online', this.#onOnline);
    this.#open();
  }

  disconnect() {
    this.#wantConnected = false;
    clearTimeout(this.#reconnectTimer);
    this.#activity.stop();
    removeEventListener('pagehide', this.#onPageHide);
    removeEventListener('online', this.#onOnline);
    if (this.#ws) {
      if (this.#ws.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify({ type: 'bye', data: {} }));
      this.#ws.close(1000);
    }
  }

  /** Sends a WebSocket message; resolves with the ack's data (or rejects with the error). */
  send(type, data) {
    const ws = this.#ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('not connected'));
    const id = String(this.#nextId++);
    ws.send(JSON.stringify({ type, id, data }));
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      setTimeout(() => { if (this.#pending.delete(id)) reject(new Error('no answer')); }, 10000);
    }).catch(e => { if (type !== 'call.signal') throw e; console.warn('callboard: signal', e.message); });
  }

  async #open() {
    clearTimeout(this.#reconnectTimer);
    if (!this.#wantConnected) return;
    let ticket;
    try {
      ({ ticket } = await this.api('POST', '/api/realtime/ticket'));
    } catch (e) {
      if (e.status === 401) return;
      return this.#scheduleReconnect();
    }
    const server = this.#base ? new URL(this.#base) : location; // the server's scheme, not the page's
    const scheme = server.protocol === 'https:' ? 'wss' : 'ws';
    const host = server.host;
    const ws = new WebSocket(`${scheme}://${host}/ws?ticket=${encodeURIComponent(ticket)}&deviceId=${encodeURIComponent(this.deviceId)}`);
    this.#ws = ws;
    ws.onmessage = e => this.#onMessage(JSON.parse(e.data));
    ws.onclose = e => this.#onClose(ws, e);
  }

  #onClose(ws, event) {
    if (ws !== this.#ws) return;
    this.#ws = null;
    clearInterval(this.#heartbeatTimer);
    this.#beacon = null;
    for (const p of this.#pending.values()) p.reject(new Error('disconnected'));
    this.#pending.clear();
    this.#setConnected(false);
    // 4001: this tab's device id connected again elsewhere (a duplicated tab); stay quiet.
    if (event.code === 4001) { this.#wantConnected = false; return; }
    this.#scheduleReconnect();
  }

  #scheduleReconnect() {
    if (!this.#wantConnected) return;
    const base = Math.min(15000, 500 * 2 ** this.#attempt++);
    this.#reconnectTimer = setTimeout(() => this.#open(), base / 2 + Math.random() * base / 2);
  }

  #onOnline = () => {
    if (this.#wantConnected && !this.#ws) { this.#attempt = 0; this.#open(); }
  };

  #onPageHide = () => {
    // A call in this tab ends with the tab, for the other side too (keepalive outlives the page).
    for (const call of this.calls.values()) {
      if (!call.active || !(call.outgoing || call.data.answeredDeviceId === this.deviceId)) continue;
      fetch(`${this.#base}/api/calls/${call.id}/hangup`, {
        method: 'POST', keepalive: true, body: '{}',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
      }).catch(() => {});
    }
    if (!this.#beacon) return;
    navigator.sendBeacon(this.#base + '/api/realtime/beacon', JSON.stringify(this.#beacon));
  };

  #heartbeat() {
    if (this.#ws?.readyState !== WebSocket.OPEN) return;
    this.#ws.send(JSON.stringify({ type: 'heartbeat', data: { idleMs: this.#activity.idleMs, focused: this.#activity.focused } }));
  }

  #onMessage({ type, id, data }) {
    if (type === 'ack' || (type === 'error' && id)) {
      const p = this.#pending.get(id);
      this.#pending.delete(id);
      if (type === 'ack') p?.resolve(data); else p?.reject(new ApiError(0, data?.code, data?.message));
      return;
    }
    if (type === 'hello') return this.#onHello(data);
    if (type === 'presence.changed') return this.#setPresence(data);
    if (type === 'missed_call.created') return this.#emit('missed-call', data.missedCall);
    if (type === 'missed_calls.count') return this.#setUnseen(data.count);
    if (type === 'call.signal') return this.calls.get(data.callId)?.receiveSignal(data);
    if (CALL_EVENTS.has(type)) return this.#onCallEvent(type, data.call);
  }

  #onHello(hello) {
    this.#attempt = 0;
    this.#setMe(hello.me);
    this.#beacon = { userId: hello.me.id, deviceId: hello.deviceId, beaconKey: hello.beaconKey };
    const seconds = Number(hello.heartbeatIntervalMillis ? hello.heartbeatIntervalMillis / 1000 : hello.heartbeatIntervalSeconds);
    this.#heartbeatMs = Math.max(250, (seconds > 0 ? seconds : 30) * 1000);
    clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = setInterval(() => this.#heartbeat(), this.#heartbeatMs);
    this.#heartbeat();

    // Resync: the snapshot replaces whatever we knew before a disconnect.
    this.presence = new Map((hello.presence ?? []).map(p => [p.userId, p]));
    if (hello.myPresence) this.presence.set(hello.me.id, hello.myPresence);
    this.#setUnseen(hello.unseenMissedCalls ?? 0);
    const active = new Map((hello.activeCalls ?? []).map(c => [c.id, c]));
    for (const call of this.calls.values()) {
      if (call.active && !active.has(call.id)) this.api('GET', `/api/calls/${call.id}`).then(d => call.update(d), () => call.update({ status: 'ended' }));
    }
    for (const c of active.values()) {
      if (c.status === 'ringing' && c.calleeId === this.me.id) this.#track(c);
      else if (this.calls.has(c.id)) this.calls.get(c.id).update(c);
    }
    this.#setConnected(true);
    this.#emit('hello', hello);
  }

  #onCallEvent(type, data) {
    if (type === 'call.incoming') {
      this.#track(data);
      return;
    }
    const call = this.calls.get(data.id);
    if (!call) return;
    if (type === 'call.answered_elsewhere') call.answeredElsewhere = true;
    call.update(data);
    this.#emit('call-update', call);
  }

  #setMe(user) {
    this.me = user;
    this.#emit('me', user);
  }

  #setPresence(p) {
    this.presence.set(p.userId, p);
    this.#emit('presence', p);
  }

  #setUnseen(count) {
    this.unseenMissedCalls = count;
    this.#emit('missed-count', { count });
  }

  #setConnected(connected) {
    if (this.connected === connected) return;
    this.connected = connected;
    this.#emit('connection', { connected });
  }

  #signedOut() {
    clearTimeout(this.#refreshTimer);
    this.#storage.removeItem(TOKEN_KEY);
    this.disconnect();
    this.me = null;
    this.presence.clear();
    this.#emit('signed-out', {});
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** When a token expires (ms since the epoch): as the provider said, or a JWT's own `exp`; else unknown. */
function expiryOf(given, token) {
  const said = typeof given === 'object' ? Date.parse(given?.expiresAt ?? '') : NaN;
  if (!Number.isNaN(said)) return said;
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.exp === 'number' ? payload.exp * 1000 : null;
  } catch {
    return null; // an opaque token without expiresAt: refreshed after a 401 only
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
