// <cb-call-button user-id="…" media="audio|video">: calls the person. If they cannot be reached
// (offline, do not disturb), says so: the server has already sent them a missed call.
import { CallboardElement, escapeHtml } from './shared.js';

const ICONS = {
  video: '<path d="M15 10l5-3v10l-5-3z"/><rect x="3" y="6" width="12" height="12" rx="2"/>',
  audio: '<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/>',
};

const NOTICES = {
  offline: 'User is offline. Missed call notification sent.',
  do_not_disturb: 'User does not want to be disturbed. Missed call notification sent.',
  user_busy: 'User is busy in another call. Missed call notification sent.',
};

export class CallButton extends CallboardElement {
  static observedAttributes = ['user-id', 'media', 'label'];

  connectedCallback() {
    if (this.button) return; // moved within the page: keep the notice
    const root = this.shadow(`
      :host { display: inline-flex; flex-direction: column; align-items: flex-start; gap: 4px; }
      button { display: inline-flex; align-items: center; gap: 6px; }
      svg { width: 18px; height: 18px; }
      .notice { font-size: 12px; color: var(--cb-muted, #616161); max-width: 260px; }
    `, `<button part="button"></button><div class="notice" part="notice" role="status" aria-live="polite"></div>`);
    this.button = root.querySelector('button');
    this.notice = root.querySelector('.notice');
    this.button.addEventListener('click', () => this.call());
    this.render();
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.render();
  }

  get media() { return this.getAttribute('media') === 'audio' ? 'audio' : 'video'; }

  render() {
    const label = this.getAttribute('label') ?? (this.media === 'video' ? 'Video call' : 'Call');
    this.button.innerHTML = `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">${ICONS[this.media]}</svg>` +
      `<span class="text">${escapeHtml(label)}</span>`;
    const name = this.getAttribute('user-name');
    this.button.setAttribute('aria-label', name ? `${label} ${name}` : label);
  }

  async call() {
    this.notice.textContent = '';
    this.button.disabled = true;
    try {
      const call = await this.client.call(this.getAttribute('user-id'), this.media);
      if (!call.active) this.notice.textContent = NOTICES[call.data.reason] ?? 'The call could not be placed.';
      this.dispatchEvent(new CustomEvent('cb-call-started', { detail: call, bubbles: true, composed: true }));
    } catch (e) {
      this.notice.textContent = e.status === 404 ? 'This person cannot be called.' : `The call failed: ${e.message}`;
    } finally {
      this.button.disabled = false;
    }
  }
}

customElements.define('cb-call-button', CallButton);
