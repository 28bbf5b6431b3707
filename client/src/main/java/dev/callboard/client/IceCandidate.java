package dev.callboard.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A WebRTC ICE candidate, shaped like the browser's RTCIceCandidateInit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {
}
