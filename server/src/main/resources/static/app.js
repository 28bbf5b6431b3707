// The Callboard app: sign-in, then the directory, status, missed calls and call history,
// built from the same components any host page can use.
import { CallboardClient } from '/sdk/callboard.js';
import '/sdk/callboard-elements.js';
import { showDirectory } from '/app/directory.js';
import { showHistory } from '/app/history.js';
import { adoptAvatarStyles } from '/sdk/elements/shared.js';

const client = CallboardClient.shared();
const $ = sel => document.querySelector(sel);
adoptAvatarStyles();

async function start() {
  client.addEventListener('signed-out', () => showSignIn());
  client.addEventListener('connection', e => { $('#offline-banner').hidden = e.detail.connected; });
  let me = null;
  try { me = await client.resume(); } catch { /* show sign-in */ }
  if (me) enter(); else showSignIn();
}

function showSignIn() {
  $('#app').hidden = true;
  $('#offline-banner').hidden = true;
  $('#signin').hidden = false;
  const form = $('#signin form');
  form.onsubmit = async e => {
    e.preventDefault();
    const error = form.querySelector('.error');
    error.textContent = '';
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      await client.login(form.email.value.trim(), form.password.value);
      form.password.value = '';
      enter();
    } catch (err) {
      error.textContent = err.status === 401 ? 'Wrong email or password.'
        : err.status === 429 ? 'Too many attempts. Wait a minute and try again.' : 'Sign-in failed. Try again.';
    } finally {
      button.disabled = false;
    }
  };
  $('#email').focus();
}

function enter() {
  $('#signin').hidden = true;
  $('#app').hidden = false;
  document.body.dataset.role = client.me.role;
  client.connect();
  showDirectory(client);
  setupTabs();
  $('#signout').onclick = () => client.logout();
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = tab => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (tab.id === 'tab-history') showHistory(client);
  };
  for (const t of tabs) {
    t.onclick = () => select(t);
    t.onkeydown = e => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = tabs[(tabs.indexOf(t) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      next.focus();
      select(next);
    };
  }
}

start();
