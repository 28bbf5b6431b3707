// <cb-missed-calls>: a bell with the unseen count, a toast on each new missed call, and a panel
// listing missed calls with "Call back". Opening the panel marks them seen.
import { CallboardElement, avatarHtml, escapeHtml, formatTime } from './shared.js';

const TOAST_MS = 8000;

export class MissedCalls extends CallboardElement {
  connectedCallback() {
    const root = this.shadow(`
      :host { position: relative; display: inline-block; }
      .bell { position: relative; border-radius: 50%; width: 40px; height: 40px; padding: 0; display: grid; place-items: center; }
      .bell svg { width: 22px; height: 22px; }
      .count { position: absolute; top: -4px; right: -4px; min-width: 18px; height: 18px; padding: 0 5px; box-sizing: border-box;
        border-radius: 9px; background: var(--cb-red, #d13438); color: #fff; font-size: 11px; font-weight: 700; display: grid; place-items: center; }
      .panel { position: absolute; right: 0; top: 48px; width: min(360px, calc(100vw - 24px)); max-height: 70vh; overflow: auto; z-index: 50;
        background: var(--cb-surface, #fff); border: 1px solid var(--cb-border, #e0e0e0); border-radius: 12px; box-shadow: 0 8px 32px rgba(0,0,0,.16); }
      .panel h2 { font-size: 15px; margin: 0; padding: 14px 16px; border-bottom: 1px solid var(--cb-border, #eee); }
      ul { list-style: none; margin: 0; padding: 4px 0; }
      li { display: flex; align-items: center; gap: 12px; padding: 10px 16px; }
      li.unseen .name { font-weight: 700; }
      .who { flex: 1; min-width: 0; }
      .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .meta { font-size: 12px; color: var(--cb-muted, #616161); }
      .empty { padding: 24px 16px; color: var(--cb-muted, #616161); text-align: center; }
      .toasts { position: fixed; right: 16px; bottom: 16px; display: grid; gap: 8px; z-index: 60; width: min(340px, calc(100vw - 32px)); }
      .toast { display: flex; align-items: center; gap: 12px; padding: 12px 14px; border-radius: 12px; background: var(--cb-surface, #fff);
        border-left: 4px solid var(--cb-red, #d13438); box-shadow: 0 8px 24px rgba(0,0,0,.18); animation: in .2s ease-out; }
      .toast .close { border: none; background: none; min-height: 0; padding: 4px; font-size: 18px; line-height: 1; color: var(--cb-muted, #616161); }
      @keyframes in { from { transform: translateY(8px); opacity: 0; } }
      @media (prefers-reduced-motion: reduce) { .toast { animation: none; } }
    `, `
      <button class="bell" part="bell" aria-haspopup="true" aria-expanded="false">
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">
          <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"/><path d="M13.7 21a2 2 0 0 1-3.4 0"/></svg>
        <span class="count" hidden></span>
      </button>
      <section class="panel" role="region" aria-label="Missed calls" hidden>
        <h2>Missed calls</h2>
        <ul></ul>
      </section>
      <div class="toasts" role="status" aria-live="polite"></div>
    `);
    this.bell = root.querySelector('.bell');
    this.panel = root.querySelector('.panel');
    this.bell.addEventListener('click', () => this.toggle());
    this.on('missed-count', () => this.renderCount());
    this.on('hello', () => this.renderCount());
    this.on('missed-call', e => this.missed(e.detail));
    this.on('keydown', e => { if (e.key === 'Escape') this.close(); }, document);
    this.on('click', e => { if (!e.composedPath().includes(this)) this.close(); }, document);
    this.renderCount();
  }

  get open() { return !this.panel.hidden; }

  toggle() { return this.open ? this.close() : this.show(); }

  async show() {
    this.panel.hidden = false;
    this.bell.setAttribute('aria-expanded', 'true');
    await this.loadList();
    if (this.client.unseenMissedCalls > 0) await this.client.markMissedCallsSeen();
  }

  close() {
    if (!this.panel || this.panel.hidden) return;
    this.panel.hidden = true;
    this.bell.setAttribute('aria-expanded', 'false');
    this.panel.querySelectorAll('li.unseen').forEach(li => li.classList.remove('unseen'));
  }

  renderCount() {
    const n = this.client.unseenMissedCalls;
    const count = this.shadowRoot.querySelector('.count');
    count.hidden = n === 0;
    count.textContent = n > 99 ? '99+' : String(n);
    this.bell.setAttribute('aria-label', n ? `Missed calls, ${n} new` : 'Missed calls');
  }

  async loadList() {
    const ul = this.panel.querySelector('ul');
    const { items } = await this.client.missedCalls({ limit: 50 });
    ul.innerHTML = items.length ? '' : '<li class="empty">No missed calls</li>';
    for (const m of items) ul.append(this.row(m));
  }

  row(m) {
    const li = document.createElement('li');
    if (!m.seenAt) li.classList.add('unseen');
    li.innerHTML = `${avatarHtml(m.callerName, m.callerAvatarUrl, 36)}
      <div class="who"><div class="name">${escapeHtml(m.callerName)}</div>
      <div class="meta">${m.media === 'video' ? 'Video' : 'Audio'} call · <time datetime="${escapeHtml(m.attemptedAt)}">${escapeHtml(formatTime(m.attemptedAt))}</time></div></div>
      <button class="primary call-back" aria-label="Call back ${escapeHtml(m.callerName)}">Call back</button>`;
    li.querySelector('.call-back').addEventListener('click', () => this.callBack(m));
    return li;
  }

  missed(m) {
    if (this.open) this.loadList();
    const toasts = this.shadowRoot.querySelector('.toasts');
    const toast = document.createElement('div');
    toast.className = 'toast';
    toast.setAttribute('part', 'toast');
    toast.innerHTML = `${avatarHtml(m.callerName, m.callerAvatarUrl, 32)}
      <div class="who"><div class="name">Missed ${m.media === 'video' ? 'video' : 'audio'} call</div>
      <div class="meta">${escapeHtml(m.callerName)} · ${escapeHtml(formatTime(m.attemptedAt))}</div></div>
      <button class="primary call-back">Call back</button>
      <button class="close" aria-label="Dismiss">×</button>`;
    const remove = () => toast.remove();
    toast.querySelector('.call-back').addEventListener('click', () => { remove(); this.callBack(m); });
    toast.querySelector('.close').addEventListener('click', remove);
    toasts.append(toast);
    setTimeout(remove, TOAST_MS);
  }

  async callBack(m) {
    this.close();
    try {
      const call = await this.client.callBack(m.id);
      this.dispatchEvent(new CustomEvent('cb-call-started', { detail: call, bubbles: true, composed: true }));
    } catch (e) {
      this.dispatchEvent(new CustomEvent('cb-error', { detail: e, bubbles: true, composed: true }));
    }
  }
}

customElements.define('cb-missed-calls', MissedCalls);
