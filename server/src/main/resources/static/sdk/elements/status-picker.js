// <cb-status-picker>: shows my status and lets me set it (available, busy, do not disturb,
// be right back, away, appear offline) for a while, with an optional message.
import { CallboardElement, escapeHtml, statusInfo } from './shared.js';

const CHOICES = [
  ['available', 'Available'], ['busy', 'Busy'], ['do_not_disturb', 'Do not disturb'],
  ['be_right_back', 'Be right back'], ['away', 'Appear away'], ['appear_offline', 'Appear offline'],
];
const DURATIONS = [
  ['', 'Default'], ['1800', '30 minutes'], ['3600', '1 hour'], ['7200', '2 hours'],
  ['today', 'Today'], ['604800', 'This week'],
];

export class StatusPicker extends CallboardElement {
  connectedCallback() {
    const root = this.shadow(`
      :host { position: relative; display: inline-block; }
      .current { display: inline-flex; align-items: center; gap: 8px; }
      .msg { max-width: 160px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--cb-muted, #616161); font-size: 13px; }
      form { position: absolute; right: 0; top: 46px; z-index: 50; width: min(300px, calc(100vw - 24px)); box-sizing: border-box; padding: 14px;
        background: var(--cb-surface, #fff); border: 1px solid var(--cb-border, #e0e0e0); border-radius: 12px; box-shadow: 0 8px 32px rgba(0,0,0,.16);
        display: grid; gap: 12px; }
      fieldset { border: none; margin: 0; padding: 0; display: grid; gap: 2px; }
      legend, label.field { font-size: 12px; font-weight: 600; color: var(--cb-muted, #616161); margin-bottom: 4px; }
      .choice { display: flex; align-items: center; gap: 10px; padding: 6px 8px; border-radius: 8px; cursor: pointer; }
      .choice:hover { background: var(--cb-hover, #f5f5f5); }
      select, input[type=text] { font: inherit; padding: 7px 8px; border-radius: 8px; border: 1px solid var(--cb-border, #d1d1d1); width: 100%; box-sizing: border-box; }
      .buttons { display: flex; justify-content: space-between; gap: 8px; }
    `, `
      <button class="current" part="button" aria-haspopup="true" aria-expanded="false">
        <cb-status-badge size="md"></cb-status-badge><span class="label"></span><span class="msg"></span>
      </button>
      <form hidden aria-label="Set your status">
        <fieldset><legend>Status</legend>
          ${CHOICES.map(([v, l]) => `<label class="choice"><input type="radio" name="status" value="${v}">
            <cb-status-badge status="${v === 'appear_offline' ? 'offline' : v}" size="sm"></cb-status-badge>${escapeHtml(l)}</label>`).join('')}
        </fieldset>
        <div><label class="field" for="duration">Reset status after</label>
          <select id="duration" name="duration">${DURATIONS.map(([v, l]) => `<option value="${v}">${l}</option>`).join('')}</select></div>
        <div><label class="field" for="message">Status message</label>
          <input id="message" name="message" type="text" maxlength="280" placeholder="What's happening?"></div>
        <div class="buttons"><button type="button" class="reset">Reset</button><button type="submit" class="primary">Save</button></div>
      </form>`);
    this.button = root.querySelector('.current');
    this.form = root.querySelector('form');
    this.button.addEventListener('click', () => (this.form.hidden ? this.show() : this.close()));
    this.form.addEventListener('submit', e => { e.preventDefault(); this.save(); });
    root.querySelector('.reset').addEventListener('click', () => this.apply({ status: null, message: null }));
    this.on('presence', e => { if (e.detail.userId === this.client.me?.id) this.render(); });
    this.on('hello', () => this.render());
    this.on('keydown', e => { if (e.key === 'Escape') this.close(); }, document);
    this.on('click', e => { if (!e.composedPath().includes(this)) this.close(); }, document);
    this.render();
  }

  get mine() { return this.client.me ? this.client.presenceOf(this.client.me.id) : null; }

  render() {
    const p = this.mine;
    const status = p?.status ?? 'offline';
    const label = p?.manualStatus === 'appear_offline' ? 'Appear offline' : statusInfo(status).label;
    const badge = this.shadowRoot.querySelector('.current cb-status-badge');
    badge.setAttribute('status', status);
    this.shadowRoot.querySelector('.current .label').textContent = label;
    this.shadowRoot.querySelector('.current .msg').textContent = p?.message ?? '';
    this.button.setAttribute('aria-label', `Your status: ${label}${p?.message ? ', ' + p.message : ''}. Change status`);
  }

  show() {
    const p = this.mine;
    const current = p?.manualStatus ?? 'available';
    this.form.querySelectorAll('input[name=status]').forEach(r => { r.checked = r.value === current; });
    this.form.message.value = p?.message ?? '';
    this.form.duration.value = '';
    this.form.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.form.querySelector('input[name=status]:checked')?.focus();
  }

  close() {
    if (!this.form || this.form.hidden) return;
    this.form.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  save() {
    const status = this.form.querySelector('input[name=status]:checked')?.value ?? 'available';
    const update = { status };
    const d = this.form.duration.value;
    if (d === 'today') {
      const end = new Date(); end.setHours(23, 59, 59, 0);
      update.durationSeconds = Math.max(60, Math.round((end - Date.now()) / 1000));
    } else if (d) update.durationSeconds = Number(d);
    const message = this.form.message.value.trim();
    update.message = message || null;
    return this.apply(update);
  }

  async apply(update) {
    this.close();
    const p = await this.client.setPresence(update);
    this.client.presence.set(p.userId, p);
    this.render();
  }
}

customElements.define('cb-status-picker', StatusPicker);
