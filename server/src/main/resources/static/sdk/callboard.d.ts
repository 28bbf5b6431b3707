// Types of the Callboard JS SDK (callboard.js). The wire shapes are those of docs/protocol.md.

export type Role = 'admin' | 'client';
export type Status = 'available' | 'away' | 'be_right_back' | 'busy' | 'in_a_call' | 'do_not_disturb' | 'offline';
export type ManualStatus = 'available' | 'busy' | 'do_not_disturb' | 'be_right_back' | 'away' | 'appear_offline';
export type Media = 'audio' | 'video';
export type CallStatus = 'ringing' | 'answered' | 'ended' | 'declined' | 'missed' | 'cancelled' | 'failed';

export interface User {
  id: string;
  email: string | null;
  displayName: string;
  role: Role;
  avatarUrl: string | null;
  active: boolean;
  /** The host app's id for the user; shown to admins and to the user himself. */
  externalId?: string;
}

export interface Presence {
  userId: string;
  status: Status;
  lastSeenAt: string | null;
  message: string | null;
  manualStatus?: ManualStatus | null;
  manualStatusExpiresAt?: string | null;
  messageExpiresAt?: string | null;
}

export interface DirectoryEntry {
  user: User;
  presence: Presence;
}

export interface CallData {
  id: string;
  callerId: string;
  calleeId: string;
  media: Media;
  status: CallStatus;
  reason: string | null;
  startedAt: string;
  ringDeadline: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  answeredDeviceId: string | null;
  replacedBy?: string | null;
  callerName: string;
  callerAvatarUrl: string | null;
  calleeName: string;
  calleeAvatarUrl: string | null;
}

export interface MissedCall {
  id: string;
  callId: string;
  callerId: string;
  callerName: string;
  callerAvatarUrl: string | null;
  media: Media;
  reason: string;
  attemptedAt: string;
  seenAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Hello {
  me: User;
  deviceId: string;
  beaconKey: string;
  heartbeatIntervalSeconds: number;
  heartbeatIntervalMillis?: number;
  presence: Presence[];
  myPresence?: Presence;
  unseenMissedCalls: number;
  activeCalls: CallData[];
}

export interface PresenceUpdate {
  status?: ManualStatus | null;
  durationSeconds?: number | null;
  message?: string | null;
  messageDurationSeconds?: number | null;
}

/** What a tokenProvider gives: a token, or a token with its expiry (what POST /api/tokens answers). */
export type ProvidedToken = string | { token: string; expiresAt?: string };

export interface ClientOptions {
  /** Callboard's address when it is not this page's origin; every URL, ws/wss included, follows it. */
  baseUrl?: string;
  /** Where the token and the device id are kept (default sessionStorage: one session per tab). */
  storage?: Storage;
  /** A token the host already has. */
  token?: string;
  /** Asked for a token at first, shortly before each expires, and after a 401. */
  tokenProvider?: () => Promise<ProvidedToken> | ProvidedToken;
}

export class ApiError extends Error {
  readonly status: number;
  /** The server's error code: `unauthorized`, `not_found`, `invalid_token`, ... */
  readonly code: string | undefined;
}

export interface CallboardEventMap {
  connection: CustomEvent<{ connected: boolean }>;
  hello: CustomEvent<Hello>;
  me: CustomEvent<User | null>;
  presence: CustomEvent<Presence>;
  'missed-call': CustomEvent<MissedCall>;
  'missed-count': CustomEvent<{ count: number }>;
  call: CustomEvent<Call>;
  'call-update': CustomEvent<Call>;
  'signed-out': CustomEvent<Record<string, never>>;
}

export interface CallEventMap {
  update: Event;
  media: Event;
  connection: Event;
  ended: Event;
}

export class Call extends EventTarget {
  readonly data: CallData;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  pc: RTCPeerConnection | null;
  connectionState: 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';
  muted: boolean;
  cameraOff: boolean;
  failure: string | null;
  answeredElsewhere?: boolean;
  readonly id: string;
  readonly status: CallStatus;
  readonly media: Media;
  readonly active: boolean;
  readonly outgoing: boolean;
  readonly peer: { id: string; name: string; avatarUrl: string | null };
  accept(media?: Media): Promise<void>;
  decline(): Promise<void>;
  cancel(): Promise<void>;
  hangup(reason?: string): Promise<void>;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): void;
  addEventListener<K extends keyof CallEventMap>(type: K, listener: (this: Call, ev: CallEventMap[K]) => unknown,
                                                 options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
                   options?: boolean | AddEventListenerOptions): void;
}

export class CallboardClient extends EventTarget {
  constructor(options?: ClientOptions);
  /** The page's client, which every element uses. */
  static shared(): CallboardClient;
  /** Configures the shared client (before connect()); returns it. */
  static configure(options?: ClientOptions): CallboardClient;

  me: User | null;
  connected: boolean;
  unseenMissedCalls: number;
  presence: Map<string, Presence>;
  calls: Map<string, Call>;
  readonly token: string | null;
  readonly signedIn: boolean;
  readonly deviceId: string;

  login(email: string, password: string): Promise<User>;
  useToken(token: string): Promise<User>;
  /** Asks the tokenProvider for a new token now; an open socket moves to it. */
  refreshToken(): Promise<string>;
  resume(): Promise<User | null>;
  logout(): Promise<void>;
  api<T = unknown>(method: string, path: string, body?: unknown,
                   options?: { anonymous?: boolean; headers?: Record<string, string> }): Promise<T>;

  directory(): Promise<DirectoryEntry[]>;
  presenceOf(userId: string): Presence | null;
  setPresence(update: PresenceUpdate | null): Promise<Presence>;
  history(query?: { direction?: 'incoming' | 'outgoing'; status?: CallStatus; cursor?: string; limit?: number }): Promise<Page<CallData>>;
  missedCalls(query?: { unseen?: boolean; cursor?: string; limit?: number }): Promise<Page<MissedCall>>;
  markMissedCallsSeen(): Promise<void>;
  iceServers(): Promise<{ iceServers: RTCIceServer[]; expires: number }>;

  call(calleeId: string, media?: Media): Promise<Call>;
  callBack(missedCallId: string): Promise<Call>;

  connect(): void;
  disconnect(): void;
  /** A WebSocket message; resolves with the ack's data. */
  send<T = unknown>(type: string, data: object): Promise<T>;

  addEventListener<K extends keyof CallboardEventMap>(type: K,
      listener: (this: CallboardClient, ev: CallboardEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
                   options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CallboardEventMap>(type: K,
      listener: (this: CallboardClient, ev: CallboardEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
                      options?: boolean | EventListenerOptions): void;
}
