// A calm two-tone ring made with WebAudio (no audio files): 0.4 s on, 0.2 s off, 0.4 s on, 2 s pause.
export class Ringer {
  #ctx = null;
  #timer = null;

  start() {
    if (this.#timer) return;
    try {
      this.#ctx ??= new AudioContext();
      this.#ctx.resume?.().catch(() => {});
    } catch {
      return; // no audio here; the overlay still shows
    }
    const burst = () => {
      const t = this.#ctx.currentTime;
      this.#tone(t, 0.4);
      this.#tone(t + 0.6, 0.4);
    };
    burst();
    this.#timer = setInterval(burst, 3000);
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = null;
    this.#ctx?.close().catch(() => {});
    this.#ctx = null;
  }

  get ringing() { return this.#timer !== null; }

  #tone(at, length) {
    const ctx = this.#ctx;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.12, at + 0.03);
    gain.gain.setValueAtTime(0.12, at + length - 0.05);
    gain.gain.linearRampToValueAtTime(0, at + length);
    gain.connect(ctx.destination);
    for (const f of [440, 480]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = f;
      osc.connect(gain);
      osc.start(at);
      osc.stop(at + length);
    }
  }
}
