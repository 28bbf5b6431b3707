package dev.callboard.client;

/**
 * Known values of {@link Call#reason()}. The set is open (Matrix hang-up vocabulary plus Callboard's
 * own), so the reason stays a string and these are just the names to compare against.
 */
public final class CallReason {
    public static final String USER_HANGUP = "user_hangup";
    public static final String INVITE_TIMEOUT = "invite_timeout";
    public static final String USER_BUSY = "user_busy";
    public static final String ANSWERED_ELSEWHERE = "answered_elsewhere";
    public static final String ICE_FAILED = "ice_failed";
    public static final String USER_MEDIA_FAILED = "user_media_failed";
    public static final String OFFLINE = "offline";
    public static final String DO_NOT_DISTURB = "do_not_disturb";
    /** This call lost a glare (both called each other); answer {@link Call#replacedBy()} instead. */
    public static final String GLARE = "glare";
    /** An answered call whose device disappeared from the server for too long. */
    public static final String CONNECTION_LOST = "connection_lost";

    private CallReason() {
    }
}
