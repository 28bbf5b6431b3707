// Call history: newest first, filtered by direction and status, paged with "Load more".
import { avatarHtml, escapeHtml, formatDuration, formatTime } from '/sdk/elements/shared.js';

const STATUS_TEXT = { ended: 'Answered', missed: 'Missed', declined: 'Declined', cancelled: 'Cancelled', failed: 'Failed', ringing: 'Ringing', answered: 'In progress' };
let cursor = null;
let wired = false;
let latestLoad = 0; // responses can arrive out of order: only the newest request may render

export async function showHistory(client) {
  if (!wired) {
    wired = true;
    for (const id of ['filter-direction', 'filter-status']) document.getElementById(id).addEventListener('change', () => load(client, true));
    document.getElementById('history-more').addEventListener('click', () => load(client, false));
    client.addEventListener('call-update', () => { if (!document.getElementById('view-history').hidden) load(client, true); });
  }
  await load(client, true);
}

async function load(client, fresh) {
  const list = document.getElementById('history');
  const direction = document.getElementById('filter-direction').value;
  const status = document.getElementById('filter-status').value;
  const thisLoad = ++latestLoad;
  const page = await client.history({ direction, status, cursor: fresh ? null : cursor, limit: 20 });
  if (thisLoad !== latestLoad) return;
  cursor = page.nextCursor;
  const rows = page.items.map(c => row(client, c));
  if (fresh) list.replaceChildren(...rows); else list.append(...rows);
  document.getElementById('history-more').hidden = !cursor;
  document.getElementById('history-empty').hidden = list.children.length > 0;
}

function row(client, c) {
  const outgoing = c.callerId === client.me.id;
  const name = outgoing ? c.calleeName : c.callerName;
  const avatar = outgoing ? c.calleeAvatarUrl : c.callerAvatarUrl;
  const li = document.createElement('li');
  li.className = `call ${c.status}`;
  li.dataset.callId = c.id;
  const duration = c.status === 'ended' ? ` · <span class="duration">${formatDuration(c.durationSeconds)}</span>` : '';
  li.innerHTML = `${avatarHtml(name, avatar, 36)}
    <div class="who"><div class="name">${escapeHtml(name)}</div>
      <div class="meta"><span class="direction">${outgoing ? '↗ Outgoing' : '↙ Incoming'}</span> ${c.media} call ·
        <span class="status">${STATUS_TEXT[c.status] ?? c.status}</span>${duration}</div></div>
    <time datetime="${escapeHtml(c.startedAt)}">${escapeHtml(formatTime(c.startedAt))}</time>`;
  return li;
}
