package dev.callboard.client;

/** A WebRTC session description ({@code type} is offer, answer, pranswer or rollback). */
public record Sdp(String type, String sdp) {

    public static Sdp offer(String sdp) {
        return new Sdp("offer", sdp);
    }

    public static Sdp answer(String sdp) {
        return new Sdp("answer", sdp);
    }
}
