// Helpers shared by the Callboard elements: the client, status names and colours, formatting.
import { CallboardClient } from '../callboard.js';

export const STATUS = {
  available:      { label: 'Available',      color: 'var(--cb-green, #6bb700)' },
  away:           { label: 'Away',           color: 'var(--cb-yellow, #f8c12c)' },
  be_right_back:  { label: 'Be right back',  color: 'var(--cb-yellow, #f8c12c)' },
  busy:           { label: 'Busy',           color: 'var(--cb-red, #d13438)' },
  in_a_call:      { label: 'In a call',      color: 'var(--cb-red, #d13438)' },
  do_not_disturb: { label: 'Do not disturb', color: 'var(--cb-red, #d13438)' },
  offline:        { label: 'Offline',        color: 'var(--cb-gray, #8a8886)' },
};

export function statusInfo(status) {
  return STATUS[status] ?? STATUS.offline;
}

/** Base class: finds the page's client and removes its listeners when the element leaves. */
export class CallboardElement extends HTMLElement {
  #client = null;
  #listeners = [];

  get client() { return this.#client ?? CallboardClient.shared(); }
  set client(c) { this.#client = c; }

  /** Listens on the client until the element is disconnected. */
  on(type, fn, target = this.client) {
    target.addEventListener(type, fn);
    this.#listeners.push(() => target.removeEventListener(type, fn));
  }

  disconnectedCallback() {
    this.#listeners.forEach(off => off());
    this.#listeners = [];
  }

  /**
   * The element's shadow root with its styles as constructable stylesheets (adoptedStyleSheets), so
   * the components need no inline style and render the same under a CSP of `style-src 'self'`.
   */
  shadow(css, html) {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(AVATAR_CSS), sheet(css)];
    root.innerHTML = html;
    return root;
  }
}

const sheets = new Map();

/** One CSSStyleSheet per distinct CSS text, shared by every element that uses it. */
function sheet(css) {
  let s = sheets.get(css);
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(css);
    sheets.set(css, s);
  }
  return s;
}

/** Avatar sizes with a rule each (no inline style): a size in between takes the next one up. */
const AVATAR_SIZES = [24, 32, 36, 40, 44, 48, 64, 80, 96];
const AVATAR_HUES = 36; // initials' background: the name's hue, in steps of 10°

const BASE_CSS = `
  :host { font-family: var(--cb-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); color: var(--cb-text, #242424); }
  [hidden] { display: none !important; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  button { font: inherit; cursor: pointer; border-radius: 8px; border: 1px solid var(--cb-border, #d1d1d1);
    background: var(--cb-surface, #fff); color: inherit; padding: 6px 12px; min-height: 36px; }
  button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--cb-accent, #5b5fc7); outline-offset: 2px; }
  button.primary { background: var(--cb-accent, #5b5fc7); border-color: transparent; color: #fff; }
  button.danger { background: var(--cb-red, #d13438); border-color: transparent; color: #fff; }
  button.accept { background: var(--cb-green-strong, #237b4b); border-color: transparent; color: #fff; }
`;

/** The rules of avatarHtml's markup: in every element's shadow root, and for a page that shows avatars itself. */
const AVATAR_CSS = `
  .avatar { border-radius: 50%; display: inline-grid; place-items: center; flex: none; font-weight: 600; color: #fff; overflow: hidden; }
  .avatar img { width: 100%; height: 100%; object-fit: cover; }
  ${AVATAR_SIZES.map(px => `.avatar.s${px} { width: ${px}px; height: ${px}px; font-size: ${Math.round(px * 0.4)}px; }`).join('\n  ')}
  ${Array.from({ length: AVATAR_HUES }, (_, i) => `.avatar.h${i} { background: hsl(${i * 10} 45% 45%); }`).join('\n  ')}
`;

/** Adds the avatar rules to a document (the app's own lists use avatarHtml outside any shadow root). */
export function adoptAvatarStyles(doc = document) {
  const avatars = sheet(AVATAR_CSS);
  if (!doc.adoptedStyleSheets.includes(avatars)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, avatars];
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function initials(name) {
  return String(name ?? '?').split(/\s+/).filter(Boolean).slice(0, 2).map(w => w[0].toUpperCase()).join('') || '?';
}

/** An avatar: the picture if there is one, else initials on a colour derived from the name. */
export function avatarHtml(name, url, size = 40) {
  const hue = [...String(name ?? '')].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const px = AVATAR_SIZES.find(s => s >= size) ?? AVATAR_SIZES.at(-1);
  const inner = url ? `<img src="${escapeHtml(url)}" alt="">` : escapeHtml(initials(name));
  return `<span class="avatar s${px} h${Math.floor(hue / 10)}" part="avatar" aria-hidden="true">${inner}</span>`;
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds ?? 0));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0'), ss = String(r).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
