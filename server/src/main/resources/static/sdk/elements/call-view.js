// <cb-call-view>: the call in progress in this tab. Remote video (or the other person's avatar),
// the local preview, mute, camera on/off, hang up, a timer and the connection state.
// After the call it briefly says how it ended.
import { CallboardElement, avatarHtml, escapeHtml, formatDuration } from './shared.js';

const ENDINGS = {
  ended: 'Call ended',
  declined: 'Declined',
  cancelled: 'Call cancelled',
  failed: 'Call failed',
};
const REASONS = {
  offline: 'User is offline. Missed call notification sent.',
  do_not_disturb: 'User does not want to be disturbed. Missed call notification sent.',
  user_busy: 'User is busy. Missed call notification sent.',
  invite_timeout: 'No answer. Missed call notification sent.',
  ice_failed: 'The connection was lost.',
  user_media_failed: 'The camera or microphone could not be opened.',
  connection_lost: 'The connection was lost.',
};
const CONNECTION = {
  new: 'Connecting…', connecting: 'Connecting…', connected: 'Connected',
  disconnected: 'Reconnecting…', failed: 'Connection failed', closed: 'Ended',
};

export class CallView extends CallboardElement {
  #call = null;
  #timer = null;
  #hideTimer = null;

  connectedCallback() {
    const root = this.shadow(`
      :host { position: fixed; inset: 0; z-index: 90; display: block; pointer-events: none; }
      .stage { pointer-events: auto; position: absolute; inset: 0; background: var(--cb-call-bg, #1f1f2e); color: #fff; display: grid; grid-template-rows: auto 1fr auto; }
      header { display: flex; justify-content: space-between; align-items: center; padding: 14px 18px; gap: 12px; }
      .title { font-weight: 600; font-size: 16px; }
      .state { font-size: 13px; color: #c8c8d8; display: flex; gap: 10px; align-items: center; }
      .state .dot { width: 8px; height: 8px; border-radius: 50%; background: #8a8886; }
      .state[data-state=connected] .dot { background: #6bb700; }
      .state[data-state=disconnected] .dot, .state[data-state=failed] .dot { background: #d13438; }
      main { position: relative; overflow: hidden; display: grid; place-items: center; }
      video.remote { width: 100%; height: 100%; object-fit: contain; background: #111; }
      .placeholder { position: absolute; display: grid; justify-items: center; gap: 12px; color: #c8c8d8; }
      video.local { position: absolute; right: 16px; bottom: 16px; width: min(28vw, 220px); aspect-ratio: 4/3; object-fit: cover;
        border-radius: 12px; background: #000; box-shadow: 0 6px 20px rgba(0,0,0,.4); transform: scaleX(-1); }
      footer { display: flex; justify-content: center; gap: 14px; padding: 16px; }
      footer button { width: 52px; height: 52px; border-radius: 50%; padding: 0; display: grid; place-items: center; border: none; background: #3a3a4f; color: #fff; }
      footer button[aria-pressed=true] { background: #fff; color: #242424; }
      footer button.hangup { background: var(--cb-red, #d13438); width: 64px; }
      footer svg { width: 22px; height: 22px; }
      .ended { pointer-events: auto; position: absolute; left: 50%; bottom: 24px; transform: translateX(-50%); background: #242424; color: #fff;
        padding: 12px 18px; border-radius: 12px; box-shadow: 0 8px 24px rgba(0,0,0,.25); font-size: 14px; max-width: calc(100vw - 48px); }
    `, `
      <section class="stage" role="region" aria-label="Call" hidden>
        <header><span class="title"></span><span class="state" role="status"><span class="dot" aria-hidden="true"></span><span class="state-text"></span><span class="timer"></span></span></header>
        <main>
          <video class="remote" autoplay playsinline aria-label="Remote video"></video>
          <div class="placeholder"></div>
          <video class="local" autoplay playsinline muted aria-label="Your video"></video>
        </main>
        <footer>
          <button class="mute" aria-pressed="false" aria-label="Mute"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true"><rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/></svg></button>
          <button class="camera" aria-pressed="false" aria-label="Turn camera off"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true"><path d="M15 10l5-3v10l-5-3z"/><rect x="3" y="6" width="12" height="12" rx="2"/></svg></button>
          <button class="hangup" aria-label="Hang up"><svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M12 9c-3.5 0-6.6 1.1-8.8 3a1.5 1.5 0 0 0-.1 2.1l1.6 1.8a1.5 1.5 0 0 0 2 .2l1.9-1.4a1.5 1.5 0 0 0 .6-1.2V12a12 12 0 0 1 5.6 0v1.5c0 .5.2.9.6 1.2l1.9 1.4a1.5 1.5 0 0 0 2-.2l1.6-1.8a1.5 1.5 0 0 0-.1-2.1C18.6 10.1 15.5 9 12 9z"/></svg></button>
        </footer>
      </section>
      <div class="ended" role="status" aria-live="polite" hidden></div>`);
    this.stage = root.querySelector('.stage');
    this.remote = root.querySelector('video.remote');
    this.local = root.querySelector('video.local');
    root.querySelector('.mute').addEventListener('click', () => this.#call?.setMuted(!this.#call.muted));
    root.querySelector('.camera').addEventListener('click', () => this.#call?.setCameraOff(!this.#call.cameraOff));
    root.querySelector('.hangup').addEventListener('click', () => this.#call?.hangup());
    this.on('call', e => this.consider(e.detail));
    this.on('call-update', e => this.consider(e.detail));
    for (const call of this.client.calls.values()) this.consider(call);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  /** The call shown, if any. */
  get call() { return this.#call; }

  /** Mine in this tab: one I placed here, or one answered on this device. */
  #isHere(call) {
    return call.outgoing || call.data.answeredDeviceId === this.client.deviceId;
  }

  consider(call) {
    if (call === this.#call) return this.render();
    if (!this.#isHere(call)) return;
    if (!call.active) {
      if (call.outgoing && call.data.reason && !this.#call) this.#showEnded(call);
      return;
    }
    if (this.#call?.active) return;
    this.#call = call;
    for (const t of ['update', 'media', 'connection', 'ended']) call.addEventListener(t, () => this.render());
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.#tick(), 1000);
    this.render();
  }

  render() {
    const call = this.#call;
    if (!call) return;
    if (!call.active) return this.#finish(call);
    const root = this.shadowRoot;
    this.stage.hidden = false;
    root.querySelector('.ended').hidden = true;
    root.querySelector('.title').textContent = call.peer.name ?? '';
    const state = call.status === 'ringing' ? 'ringing' : call.connectionState;
    const stateEl = root.querySelector('.state');
    stateEl.dataset.state = state;
    root.querySelector('.state-text').textContent = call.status === 'ringing' ? 'Ringing…' : CONNECTION[state] ?? state;
    if (this.remote.srcObject !== call.remoteStream) this.remote.srcObject = call.remoteStream;
    if (this.local.srcObject !== call.localStream) this.local.srcObject = call.localStream;
    const hasRemoteVideo = !!call.remoteStream?.getVideoTracks().length && call.connectionState === 'connected';
    const placeholder = root.querySelector('.placeholder');
    placeholder.hidden = hasRemoteVideo;
    placeholder.innerHTML = `${avatarHtml(call.peer.name, call.peer.avatarUrl, 96)}<span>${escapeHtml(call.status === 'ringing' ? 'Calling ' + (call.peer.name ?? '') + '…' : call.peer.name ?? '')}</span>`;
    this.local.hidden = !call.localStream?.getVideoTracks().length || call.cameraOff;
    const mute = root.querySelector('.mute');
    mute.setAttribute('aria-pressed', String(call.muted));
    mute.setAttribute('aria-label', call.muted ? 'Unmute' : 'Mute');
    const cam = root.querySelector('.camera');
    cam.hidden = !call.localStream?.getVideoTracks().length;
    cam.setAttribute('aria-pressed', String(call.cameraOff));
    cam.setAttribute('aria-label', call.cameraOff ? 'Turn camera on' : 'Turn camera off');
    this.#tick();
  }

  #tick() {
    const call = this.#call;
    const timer = this.shadowRoot.querySelector('.timer');
    if (!call?.data.answeredAt || !call.active) { timer.textContent = ''; return; }
    timer.textContent = formatDuration((Date.now() - Date.parse(call.data.answeredAt)) / 1000);
  }

  #finish(call) {
    clearInterval(this.#timer);
    this.#call = null;
    this.stage.hidden = true;
    this.remote.srcObject = null;
    this.local.srcObject = null;
    this.#showEnded(call);
    for (const c of this.client.calls.values()) if (c.active) this.consider(c);
  }

  #showEnded(call) {
    const d = call.data;
    let text = REASONS[d.reason] ?? ENDINGS[d.status] ?? 'Call ended';
    if (d.status === 'ended' && d.durationSeconds != null) text = `Call ended · ${formatDuration(d.durationSeconds)}`;
    if (d.status === 'declined' && call.outgoing) text = `${call.peer.name ?? 'They'} declined the call`;
    if (call.answeredElsewhere) return;
    const ended = this.shadowRoot.querySelector('.ended');
    ended.textContent = text;
    ended.hidden = false;
    clearTimeout(this.#hideTimer);
    this.#hideTimer = setTimeout(() => { ended.hidden = true; }, 5000);
  }
}

customElements.define('cb-call-view', CallView);
