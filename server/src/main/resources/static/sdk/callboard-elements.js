// Callboard web components. Import once; every element uses CallboardClient.shared() unless its
// `client` property is set.
//
//   <script type="module" src="/sdk/callboard-elements.js"></script>
//   <cb-status-badge user-id="…" size="md" show-label></cb-status-badge>
//   <cb-call-button user-id="…" media="video"></cb-call-button>
//   <cb-missed-calls></cb-missed-calls> <cb-status-picker></cb-status-picker>
//   <cb-incoming-call></cb-incoming-call> <cb-call-view></cb-call-view>
export { StatusBadge } from './elements/status-badge.js';
export { MissedCalls } from './elements/missed-calls.js';
export { CallButton } from './elements/call-button.js';
export { IncomingCall } from './elements/incoming-call.js';
export { CallView } from './elements/call-view.js';
export { StatusPicker } from './elements/status-picker.js';
export { CallboardClient } from './callboard.js';
