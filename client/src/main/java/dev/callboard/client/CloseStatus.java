package dev.callboard.client;

/**
 * Why a WebSocket connection ended: the close code and reason the server sent (1008 policy, 1009
 * too big, ...), or {@link #ABNORMAL} when the connection broke without a close frame.
 *
 * @param reconnecting true when the session will try to reconnect, false when it is closed for good
 */
public record CloseStatus(int code, String reason, boolean reconnecting) {

    public static final int NORMAL = 1000;
    public static final int ABNORMAL = 1006;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
}
