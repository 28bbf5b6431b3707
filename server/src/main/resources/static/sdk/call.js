// One 1:1 call as this tab sees it: the server's call record plus the WebRTC side
// (getUserMedia, RTCPeerConnection, trickle ICE over call.signal, perfect negotiation).
//
// The caller is the "impolite" peer and makes the offer; the callee is "polite". The caller holds
// its signals until the call is answered, so they reach only the answering device.

const ACTIVE = new Set(['ringing', 'answered']);
const RESTART_AFTER_MS = 2000;
const GIVE_UP_AFTER_MS = 15000;

export class Call extends EventTarget {
  /** @type {MediaStream|null} */ localStream = null;
  /** @type {MediaStream|null} */ remoteStream = null;
  /** @type {RTCPeerConnection|null} */ pc = null;
  /** 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed' */
  connectionState = 'new';
  muted = false;
  cameraOff = false;
  failure = null;

  #client;
  #outbox = [];
  #inbox = Promise.resolve();
  #pcReady;
  #resolvePcReady;
  #makingOffer = false;
  #ignoreOffer = false;
  #tracksAdded = false;
  #restartTimer = null;
  #giveUpTimer = null;
  #closed = false;

  constructor(client, data) {
    super();
    this.#client = client;
    this.data = data;
    this.#pcReady = new Promise(r => { this.#resolvePcReady = r; });
  }

  get id() { return this.data.id; }
  get status() { return this.data.status; }
  get media() { return this.data.media; }
  get active() { return ACTIVE.has(this.data.status); }
  get outgoing() { return this.data.callerId === this.#client.me?.id; }
  get polite() { return !this.outgoing; }
  /** The other person: {id, name, avatarUrl}. */
  get peer() {
    const d = this.data;
    return this.outgoing
      ? { id: d.calleeId, name: d.calleeName, avatarUrl: d.calleeAvatarUrl }
      : { id: d.callerId, name: d.callerName, avatarUrl: d.callerAvatarUrl };
  }

  /** Caller: open the camera/microphone and prepare the offer (sent once answered). */
  async startMedia() {
    try {
      await this.#openMedia(this.media);
      await this.#createPeerConnection();
      this.#addTracks();
    } catch (e) {
      await this.#fail('user_media_failed', e);
    }
  }

  /** Callee: answer on this device, then connect. `media` 'audio' answers a video call without camera. */
  async accept(media = this.media) {
    const data = await this.#client.api('POST', `/api/calls/${this.id}/answer`, { deviceId: this.#client.deviceId });
    this.update(data);
    try {
      await this.#openMedia(media);
      await this.#createPeerConnection();
    } catch (e) {
      await this.#fail('user_media_failed', e);
    }
  }

  decline() { return this.#move('decline'); }
  cancel() { return this.#move('cancel'); }
  /** Stops the call in whatever state it is in (cancel, decline or end). */
  hangup(reason) { return this.#move('hangup', reason ? { reason } : {}); }

  setMuted(muted) {
    this.muted = muted;
    this.localStream?.getAudioTracks().forEach(t => { t.enabled = !muted; });
    this.#emit('media');
  }

  setCameraOff(off) {
    this.cameraOff = off;
    this.localStream?.getVideoTracks().forEach(t => { t.enabled = !off; });
    this.#emit('media');
  }

  /** Applies a newer server record of this call (from an event or a response). */
  update(data) {
    const wasActive = this.active;
    this.data = { ...this.data, ...data };
    if (this.outgoing && data.status === 'answered') this.#flushOutbox();
    this.#emit('update');
    if (wasActive && !this.active) this.#close();
  }

  /** A call.signal from the other party. Processed in order, once the peer connection exists. */
  receiveSignal(signal) {
    this.#inbox = this.#inbox
      .then(() => this.#pcReady)
      .then(() => this.#handleSignal(signal))
      .catch(e => console.warn('callboard: signal failed', e));
  }

  async #move(action, body = {}) {
    try {
      this.update(await this.#client.api('POST', `/api/calls/${this.id}/${action}`, body));
    } catch (e) {
      // 409: the call already moved on (answered elsewhere, ended by the other side); its event follows.
      if (e.status !== 409) throw e;
    } finally {
      if (!this.active) this.#close();
    }
  }

  async #openMedia(media) {
    if (this.localStream) return;
    const video = media === 'video';
    this.localStream = await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: video ? { width: { ideal: 1280 }, height: { ideal: 720 } } : false,
    });
    this.#emit('media');
  }

  async #createPeerConnection() {
    if (this.pc || !this.active) return;
    const { iceServers } = await this.#client.iceServers();
    const pc = new RTCPeerConnection({ iceServers });
    this.pc = pc;
    this.remoteStream = new MediaStream();
    pc.ontrack = ({ track }) => {
      this.remoteStream.addTrack(track);
      this.#emit('media');
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.#send({ candidate: candidate.toJSON() });
    };
    pc.onnegotiationneeded = async () => {
      try {
        this.#makingOffer = true;
        await pc.setLocalDescription();
        this.#send({ sdp: { type: pc.localDescription.type, sdp: pc.localDescription.sdp } });
      } catch (e) {
        console.warn('callboard: offer failed', e);
      } finally {
        this.#makingOffer = false;
      }
    };
    pc.onconnectionstatechange = () => this.#connectionChanged(pc.connectionState);
    pc.oniceconnectionstatechange = () => this.#iceChanged(pc.iceConnectionState);
    this.#resolvePcReady();
  }

  #addTracks() {
    if (this.#tracksAdded || !this.pc || !this.localStream) return;
    this.#tracksAdded = true;
    for (const track of this.localStream.getTracks()) this.pc.addTrack(track, this.localStream);
  }

  async #handleSignal({ sdp, candidate }) {
    const pc = this.pc;
    if (!pc || pc.signalingState === 'closed') return;
    if (sdp) {
      const collision = sdp.type === 'offer' && (this.#makingOffer || pc.signalingState !== 'stable');
      this.#ignoreOffer = !this.polite && collision;
      if (this.#ignoreOffer) return;
      await pc.setRemoteDescription(sdp);
      if (sdp.type === 'offer') {
        // The callee adds its tracks now, so they ride on the offer's transceivers.
        this.#addTracks();
        await pc.setLocalDescription();
        this.#send({ sdp: { type: pc.localDescription.type, sdp: pc.localDescription.sdp } });
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (e) {
        if (!this.#ignoreOffer) throw e;
      }
    }
  }

  #send(payload) {
    const message = { callId: this.id, ...payload };
    if (this.outgoing && this.status !== 'answered') this.#outbox.push(message);
    else this.#client.send('call.signal', message);
  }

  #flushOutbox() {
    const queued = this.#outbox;
    this.#outbox = [];
    for (const m of queued) this.#client.send('call.signal', m);
  }

  #connectionChanged(state) {
    this.connectionState = state;
    if (state === 'connected') {
      clearTimeout(this.#giveUpTimer);
      this.#giveUpTimer = null;
    }
    this.#emit('connection');
  }

  // ICE restart on 'disconnected' (the impolite side restarts; the polite side follows the offer).
  // If the connection does not come back in time, the call ends as failed with reason ice_failed.
  #iceChanged(state) {
    clearTimeout(this.#restartTimer);
    if (state === 'disconnected' || state === 'failed') {
      const delay = state === 'failed' ? 0 : RESTART_AFTER_MS;
      this.#restartTimer = setTimeout(() => {
        if (this.pc && !this.polite) this.pc.restartIce();
      }, delay);
      this.#giveUpTimer ??= setTimeout(() => this.#fail('ice_failed'), GIVE_UP_AFTER_MS);
    } else if (state === 'connected' || state === 'completed') {
      clearTimeout(this.#giveUpTimer);
      this.#giveUpTimer = null;
    }
  }

  async #fail(reason, error) {
    if (error) console.warn(`callboard: ${reason}`, error);
    this.failure = reason;
    this.#emit('update');
    if (this.active) await this.hangup(reason).catch(() => {});
    this.#close();
  }

  #close() {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    clearTimeout(this.#giveUpTimer);
    this.localStream?.getTracks().forEach(t => t.stop());
    if (this.pc) {
      this.pc.close();
      this.connectionState = 'closed';
    }
    this.#resolvePcReady();
    this.#emit('ended');
  }

  #emit(type) {
    this.dispatchEvent(new CustomEvent(type, { detail: this }));
  }
}
