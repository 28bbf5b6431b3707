// Compiled (not run) by .ci/run with `tsc -p server/src/test/js/types`: the declarations must describe
// the SDK the way docs/embedding.md uses it. A wrong type here fails CI.
import { CallboardClient, type Call, type Presence, type ProvidedToken } from '@callboard/sdk';
import '@callboard/sdk/elements';

async function fromHostBackend(): Promise<ProvidedToken> {
  const res = await fetch('/callboard-token');
  return (await res.json()) as { token: string; expiresAt: string };
}

const cb = CallboardClient.configure({ baseUrl: 'https://calls.example.com', tokenProvider: fromHostBackend });
cb.addEventListener('presence', e => {
  const p: Presence = e.detail;
  console.log(p.userId, p.status.toUpperCase());
});
cb.addEventListener('missed-count', e => console.log(e.detail.count + 1));
cb.addEventListener('call', e => {
  const call: Call = e.detail;
  call.addEventListener('ended', () => console.log(call.status, call.peer.name));
  if (!call.outgoing) void call.accept('audio');
});
cb.connect();

const badge = document.createElement('cb-status-badge');
badge.setAttribute('user-id', 'u-1');
console.log(badge.status.length, badge.client === cb);

async function calls(): Promise<void> {
  const directory = await cb.directory();
  const someone = directory.find(entry => entry.presence.status === 'available');
  if (someone) {
    const call = await cb.call(someone.user.id, 'video');
    await call.hangup();
  }
  const page = await cb.missedCalls({ unseen: true });
  page.items.forEach(m => console.log(m.callerName, m.attemptedAt));
  await cb.setPresence({ status: 'busy', durationSeconds: 3600, message: 'In a meeting' });
  const token: string = await cb.refreshToken();
  console.log(token.length);
}
void calls();
