package dev.callboard.client;

import java.util.List;

/** STUN/TURN servers for WebRTC, valid for {@code ttlSeconds}. */
public record IceServers(List<IceServer> iceServers, int ttlSeconds) {

    public IceServers {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
    }

    /** One RTCIceServer; {@code urls} also accepts a single string on the wire. */
    public record IceServer(List<String> urls, String username, String credential) {

        public IceServer {
            urls = urls == null ? List.of() : List.copyOf(urls);
        }
    }
}
