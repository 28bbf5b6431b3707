// The directory: the people I may see, with live badges, status messages, search and call buttons.
// An admin sees his clients (and the other admins); a client sees his team (the admins) only.
import { avatarHtml, escapeHtml } from '/sdk/elements/shared.js';

let people = [];
let wired = false;

export async function showDirectory(client) {
  const admin = client.me.role === 'admin';
  document.getElementById('directory-title').textContent = admin ? 'Clients' : 'Your team';
  const entries = await client.directory();
  people = entries.filter(e => e.user.id !== client.me.id);
  for (const e of people) if (!client.presenceOf(e.user.id)) client.presence.set(e.user.id, e.presence);
  render(client);
  if (wired) return;
  wired = true;
  document.getElementById('search').addEventListener('input', () => render(client));
  client.addEventListener('presence', e => updateMessage(e.detail));
  client.addEventListener('hello', () => showDirectory(client));
}

function render(client) {
  const q = document.getElementById('search').value.trim().toLowerCase();
  const list = document.getElementById('people');
  const admin = client.me.role === 'admin';
  // Admins see clients first, then colleagues; clients see only admins (the server already filters).
  const sorted = [...people].sort((a, b) => (admin ? rank(a) - rank(b) : 0) || a.user.displayName.localeCompare(b.user.displayName));
  const shown = sorted.filter(e => !q || e.user.displayName.toLowerCase().includes(q) || e.user.email.toLowerCase().includes(q));
  // Keep the rows when the same people are shown (e.g. a reconnect's hello): badges update
  // themselves, and a call button keeps its notice.
  const key = shown.map(e => e.user.id).join();
  if (list.dataset.key !== key) {
    list.replaceChildren(...shown.map(e => row(client, e)));
    list.dataset.key = key;
  }
  for (const e of shown) updateMessage(client.presenceOf(e.user.id) ?? e.presence);
  document.getElementById('people-empty').hidden = shown.length > 0;
  document.getElementById('people-empty').textContent = people.length ? 'Nobody matches your search.' : 'Nobody here yet.';
}

const rank = e => (e.user.role === 'client' ? 0 : 1);

function row(client, { user }) {
  const li = document.createElement('li');
  li.className = 'person';
  li.dataset.userId = user.id;
  const p = client.presenceOf(user.id);
  li.innerHTML = `
    <span class="who-avatar">${avatarHtml(user.displayName, user.avatarUrl, 44)}
      <cb-status-badge class="on-avatar" user-id="${user.id}" size="md"></cb-status-badge></span>
    <div class="who">
      <div class="name">${escapeHtml(user.displayName)}${user.role === 'admin' && client.me.role === 'admin' ? ' <span class="tag">Admin</span>' : ''}</div>
      <div class="status-line"><cb-status-badge user-id="${user.id}" size="sm" show-label></cb-status-badge>
        <span class="status-message">${escapeHtml(p?.message ?? '')}</span></div>
    </div>
    <div class="actions">
      <cb-call-button user-id="${user.id}" user-name="${escapeHtml(user.displayName)}" media="audio" label="Call"></cb-call-button>
      <cb-call-button user-id="${user.id}" user-name="${escapeHtml(user.displayName)}" media="video" label="Video"></cb-call-button>
    </div>`;
  li.querySelector('.on-avatar').setAttribute('aria-hidden', 'true');
  return li;
}

function updateMessage(p) {
  const li = document.querySelector(`.person[data-user-id="${CSS.escape(p.userId)}"]`);
  if (li && p) li.querySelector('.status-message').textContent = p.message ?? '';
}
