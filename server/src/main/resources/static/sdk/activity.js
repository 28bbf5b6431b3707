// Tracks when the person last touched this tab (keyboard, pointer, focus, visibility), so
// heartbeats can report idle time. Timestamps come from performance.now(): immune to clock changes.

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'focus'];

export class ActivityTracker {
  #lastInput = performance.now();
  #listeners = [];
  #onActive;

  /** @param {() => void} onActive called (at most once a second) when input follows a quiet spell */
  constructor(onActive = () => {}) {
    this.#onActive = onActive;
  }

  start(target = window) {
    const mark = () => {
      const quiet = performance.now() - this.#lastInput;
      this.#lastInput = performance.now();
      if (quiet > 1000) this.#onActive();
    };
    for (const type of INPUT_EVENTS) this.#listen(target, type, mark);
    this.#listen(document, 'visibilitychange', () => { if (document.visibilityState === 'visible') mark(); });
  }

  stop() {
    for (const [target, type, fn] of this.#listeners) target.removeEventListener(type, fn, true);
    this.#listeners = [];
  }

  /** Milliseconds since the last input. */
  get idleMs() {
    return Math.max(0, Math.round(performance.now() - this.#lastInput));
  }

  get focused() {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  #listen(target, type, fn) {
    target.addEventListener(type, fn, { capture: true, passive: true });
    this.#listeners.push([target, type, fn]);
  }
}
