// Types of the Callboard web components (callboard-elements.js). Each element uses
// CallboardClient.shared() unless its `client` property is set. Style them with CSS custom
// properties (--cb-accent, --cb-green, --cb-red, --cb-font, ...) and ::part().
import { CallboardClient } from './callboard.js';

export { CallboardClient } from './callboard.js';
export * from './callboard.js';

declare class CallboardElement extends HTMLElement {
  client: CallboardClient;
}

/** `<cb-status-badge user-id="…" size="sm|md|lg" show-label>` or `status="busy"`; parts: dot, label. */
export class StatusBadge extends CallboardElement {
  readonly status: string;
}
/** `<cb-call-button user-id="…" media="audio|video" label="…">`; part: button. */
export class CallButton extends CallboardElement {}
/** `<cb-missed-calls>`: the bell, the list with Call back, and a toast for each new one. */
export class MissedCalls extends CallboardElement {}
/** `<cb-incoming-call>`: the ringing overlay with Accept and Decline. */
export class IncomingCall extends CallboardElement {}
/** `<cb-call-view>`: the running call with video, mute, camera and hang-up. */
export class CallView extends CallboardElement {}
/** `<cb-status-picker>`: choose a status (with a duration) and a message. */
export class StatusPicker extends CallboardElement {}

declare global {
  interface HTMLElementTagNameMap {
    'cb-status-badge': StatusBadge;
    'cb-call-button': CallButton;
    'cb-missed-calls': MissedCalls;
    'cb-incoming-call': IncomingCall;
    'cb-call-view': CallView;
    'cb-status-picker': StatusPicker;
  }
}
