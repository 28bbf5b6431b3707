// <cb-incoming-call>: the ringing overlay. Shows the caller, rings, and offers accept with video,
// accept with audio only, and decline. It goes away on every tab as soon as the call stops ringing
// for this device: answered here or elsewhere, declined, cancelled by the caller, or missed.
import { CallboardElement, avatarHtml, escapeHtml } from './shared.js';
import { Ringer } from './ring.js';

export class IncomingCall extends CallboardElement {
  #ringer = new Ringer();
  #call = null;

  connectedCallback() {
    const root = this.shadow(`
      :host { position: fixed; inset: 0; z-index: 100; display: grid; place-items: center; pointer-events: none; }
      .card { pointer-events: auto; width: min(360px, calc(100vw - 32px)); box-sizing: border-box; padding: 28px 24px 24px; text-align: center;
        background: var(--cb-call-bg, #1f1f2e); color: #fff; border-radius: 20px; box-shadow: 0 20px 60px rgba(0,0,0,.35); animation: in .25s ease-out; }
      .avatar-wrap { display: inline-block; border-radius: 50%; animation: ring 1.6s ease-out infinite; margin-bottom: 14px; }
      h2 { margin: 0 0 4px; font-size: 20px; font-weight: 600; }
      p { margin: 0 0 24px; color: #c8c8d8; font-size: 14px; }
      .actions { display: flex; justify-content: center; gap: 16px; flex-wrap: wrap; }
      .actions button { display: grid; justify-items: center; gap: 6px; border: none; background: none; color: #fff; font-size: 12px; padding: 0; }
      .actions .circle { width: 56px; height: 56px; border-radius: 50%; display: grid; place-items: center; }
      .actions svg { width: 24px; height: 24px; }
      .decline .circle { background: var(--cb-red, #d13438); }
      .accept .circle { background: var(--cb-green-strong, #237b4b); }
      @keyframes in { from { transform: scale(.96); opacity: 0; } }
      @keyframes ring { 0% { box-shadow: 0 0 0 0 rgba(91,95,199,.6); } 100% { box-shadow: 0 0 0 22px rgba(91,95,199,0); } }
      @media (prefers-reduced-motion: reduce) { .card, .avatar-wrap { animation: none; } }
    `, `<div class="card" role="alertdialog" aria-modal="false" aria-labelledby="who" aria-describedby="what" hidden></div>`);
    this.card = root.querySelector('.card');
    this.on('call', e => this.consider(e.detail));
    this.on('call-update', e => { if (e.detail === this.#call) this.refresh(); });
    for (const call of this.client.calls.values()) this.consider(call);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#ringer.stop();
  }

  /** The call ringing here, if any. */
  get call() { return this.#call; }

  consider(call) {
    if (call.outgoing || call.status !== 'ringing' || this.#call) return;
    this.#call = call;
    call.addEventListener('update', () => this.refresh());
    call.addEventListener('ended', () => this.refresh());
    this.show(call);
  }

  show(call) {
    const { name, avatarUrl } = call.peer;
    const video = call.media === 'video';
    const phone = '<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/>';
    const cam = '<path d="M15 10l5-3v10l-5-3z"/><rect x="3" y="6" width="12" height="12" rx="2"/>';
    const icon = p => `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">${p}</svg>`;
    this.card.innerHTML = `
      <span class="avatar-wrap">${avatarHtml(name, avatarUrl, 80)}</span>
      <h2 id="who">${escapeHtml(name)}</h2>
      <p id="what">Incoming ${video ? 'video' : 'audio'} call</p>
      <div class="actions">
        <button class="decline" aria-label="Decline"><span class="circle">${icon(phone)}</span>Decline</button>
        <button class="accept accept-audio" aria-label="Accept with audio"><span class="circle">${icon(phone)}</span>Audio</button>
        ${video ? `<button class="accept accept-video" aria-label="Accept with video"><span class="circle">${icon(cam)}</span>Video</button>` : ''}
      </div>`;
    this.card.querySelector('.decline').addEventListener('click', () => this.act(() => call.decline()));
    this.card.querySelector('.accept-audio').addEventListener('click', () => this.act(() => call.accept('audio')));
    this.card.querySelector('.accept-video')?.addEventListener('click', () => this.act(() => call.accept('video')));
    this.card.hidden = false;
    this.#ringer.start();
    (this.card.querySelector('.accept-video') ?? this.card.querySelector('.accept-audio')).focus();
  }

  async act(action) {
    this.#ringer.stop();
    this.card.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      await action();
    } catch (e) {
      console.warn('callboard: answer failed', e);
    }
    this.refresh();
  }

  refresh() {
    const call = this.#call;
    if (call && call.status === 'ringing') return;
    this.#ringer.stop();
    this.card.hidden = true;
    this.card.innerHTML = '';
    this.#call = null;
    // Another call may be waiting.
    for (const c of this.client.calls.values()) this.consider(c);
  }
}

customElements.define('cb-incoming-call', IncomingCall);
