package dev.callboard.client;

import java.util.UUID;

/** Realistic JSON as the server sends it, including fields this SDK does not know. */
final class Samples {

    static final UUID ALICE = UUID.fromString("6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e5f");
    static final UUID BOB = UUID.fromString("0b9e8d7c-6f5e-4d3c-9b2a-1f0e9d8c7b6a");
    static final UUID CALL = UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab");
    static final UUID MISSED = UUID.fromString("d15ea5e0-0000-4000-8000-00000000beef");

    static final String ALICE_USER = """
            {"id":"6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e5f","email":"alice@example.com",
             "displayName":"Alice Admin","role":"admin","avatarUrl":null,"active":true,
             "createdAt":"2026-01-02T03:04:05Z","locale":"en-GB"}""";

    static final String BOB_PRESENCE = """
            {"userId":"0b9e8d7c-6f5e-4d3c-9b2a-1f0e9d8c7b6a","status":"be_right_back",
             "lastSeenAt":"2026-11-24T04:10:33.123Z","message":"Back at 3",
             "manualStatus":"be_right_back","manualStatusExpiresAt":"2026-12-01T04:10:33.123Z",
             "messageExpiresAt":null,"devices":2}""";

    static final String RINGING_CALL = """
            {"id":"c0ffee00-1234-4abc-9def-0123456789ab",
             "callerId":"6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e5f",
             "calleeId":"0b9e8d7c-6f5e-4d3c-9b2a-1f0e9d8c7b6a",
             "media":"video","status":"ringing","reason":null,
             "startedAt":"2026-11-24T04:10:33.123Z","answeredAt":null,"endedAt":null,
             "durationSeconds":null,"ringDeadline":"2026-11-24T04:11:03.123Z"}""";

    static final String ENDED_CALL = """
            {"id":"c0ffee00-1234-4abc-9def-0123456789ab",
             "callerId":"6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e5f",
             "calleeId":"0b9e8d7c-6f5e-4d3c-9b2a-1f0e9d8c7b6a",
             "media":"audio","status":"answered","reason":"user_hangup",
             "startedAt":"2026-11-24T04:10:33.123Z","answeredAt":"2026-11-24T04:10:40.000Z",
             "endedAt":"2026-11-24T04:15:40.500Z","durationSeconds":300}""";

    static final String MISSED_CALL = """
            {"id":"d15ea5e0-0000-4000-8000-00000000beef",
             "callId":"c0ffee00-1234-4abc-9def-0123456789ab",
             "callerId":"6f1c2d9e-3b4a-4c5d-8e7f-0a1b2c3d4e5f",
             "callerName":"Alice Admin","callerAvatarUrl":"https://cdn.example.com/a.png",
             "media":"video","attemptedAt":"2026-11-24T04:10:33.123Z","seenAt":null,"reason":"offline"}""";

    static String envelope(String type, String data) {
        return "{\"type\":\"" + type + "\",\"seq\":17,\"data\":" + data + "}";
    }

    private Samples() {
    }
}
