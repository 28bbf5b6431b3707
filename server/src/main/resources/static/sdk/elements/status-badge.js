// <cb-status-badge user-id="…" size="sm|md|lg" show-label> or <cb-status-badge status="busy">
// A coloured dot (green pulses gently) and the status in words, visible with show-label,
// otherwise for screen readers only.
import { CallboardElement, STATUS, statusInfo } from './shared.js';

const SIZES = { sm: 10, md: 14, lg: 18 };
// one rule per size and per status instead of an inline style (CSP `style-src 'self'`)
const DOT_RULES = Object.entries(SIZES).map(([name, px]) => `.dot.${name} { width: ${px}px; height: ${px}px; }`)
  .concat(Object.entries(STATUS).map(([status, info]) => `.dot.${status} { background: ${info.color}; }`)).join('\n');

export class StatusBadge extends CallboardElement {
  static observedAttributes = ['user-id', 'status', 'size', 'show-label'];

  connectedCallback() {
    this.shadow(`
      :host { display: inline-flex; align-items: center; gap: 6px; vertical-align: middle; line-height: 1; }
      .dot { border-radius: 50%; box-sizing: border-box; border: 2px solid var(--cb-badge-ring, #fff); flex: none; }
      .dot.available { animation: pulse 2.4s ease-in-out infinite; }
      .dot.offline { background: transparent !important; border: 2px solid var(--cb-gray, #8a8886); }
      .label { font-size: 0.875em; color: var(--cb-muted, #616161); }
      .message { font-size: 0.8em; color: var(--cb-muted, #616161); font-style: italic; }
      @keyframes pulse { 0%, 100% { box-shadow: 0 0 0 0 rgba(107, 183, 0, 0.55); } 50% { box-shadow: 0 0 0 4px rgba(107, 183, 0, 0); } }
      @media (prefers-reduced-motion: reduce) { .dot.available { animation: none; } }
      ${DOT_RULES}
    `, `<span class="dot" part="dot" aria-hidden="true"></span><span class="label" part="label"></span>`);
    this.on('presence', e => { if (e.detail.userId === this.getAttribute('user-id')) this.render(); });
    this.on('hello', () => this.render());
    this.render();
  }

  attributeChangedCallback() {
    if (this.shadowRoot) this.render();
  }

  /** The status shown: the attribute if given, else the user's live presence. */
  get status() {
    if (this.hasAttribute('status')) return this.getAttribute('status');
    return this.client.presenceOf(this.getAttribute('user-id'))?.status ?? 'offline';
  }

  render() {
    const status = this.status;
    const info = statusInfo(status);
    const size = SIZES[this.getAttribute('size')] ? this.getAttribute('size') : 'md';
    const dot = this.shadowRoot.querySelector('.dot');
    dot.className = `dot ${STATUS[status] ? status : 'offline'} ${size}`;
    const label = this.shadowRoot.querySelector('.label');
    label.textContent = info.label;
    label.classList.toggle('sr-only', !this.hasAttribute('show-label'));
    this.dataset.status = status;
    this.title = info.label;
  }
}

customElements.define('cb-status-badge', StatusBadge);
