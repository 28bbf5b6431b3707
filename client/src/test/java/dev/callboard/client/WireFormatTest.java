package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WireFormatTest {

    @Test
    void webSocketUriFollowsTheHttpScheme() {
        assertThat(SessionLifecycle.webSocketUri(URI.create("http://127.0.0.1:8080"), null, null))
                .isEqualTo(URI.create("ws://127.0.0.1:8080/ws"));
        assertThat(SessionLifecycle.webSocketUri(URI.create("https://cb.example.com/"), "laptop 1", null))
                .isEqualTo(URI.create("wss://cb.example.com/ws?deviceId=laptop+1"));
        assertThat(SessionLifecycle.webSocketUri(URI.create("https://example.com/callboard/"), "d1", "t/+="))
                .isEqualTo(URI.create("wss://example.com/callboard/ws?deviceId=d1&ticket=t%2F%2B%3D"));
    }

    @Test
    void queryLeavesOutNullsAndEncodesValues() {
        assertThat(HttpTransport.query("direction", "incoming", "status", null, "cursor", "a b&c", "limit", 20))
                .isEqualTo("?direction=incoming&cursor=a+b%26c&limit=20");
        assertThat(HttpTransport.query("unseen", null)).isEmpty();
        assertThat(HttpTransport.query("unseen", true)).isEqualTo("?unseen=true");
    }

    @Test
    void envelopeWithIdAndData() {
        JsonNode envelope = Json.MAPPER.readTree(CallboardSession.envelope("call.signal", "12",
                Map.of("callId", Samples.CALL, "sdp", Sdp.offer("v=0"))));

        assertThat(envelope.path("type").asString()).isEqualTo("call.signal");
        assertThat(envelope.path("id").asString()).isEqualTo("12");
        assertThat(envelope.path("data").path("callId").asString()).isEqualTo(Samples.CALL.toString());
        assertThat(envelope.path("data").path("sdp").path("type").asString()).isEqualTo("offer");
    }

    @Test
    void envelopeWithoutIdOrDataStillHasAnObject() {
        assertThat(CallboardSession.envelope("bye", null, null)).isEqualTo("{\"type\":\"bye\",\"data\":{}}");
        assertThat(CallboardSession.envelope("presence.set", "3", PresenceUpdate.clearStatus().toJson()))
                .isEqualTo("{\"type\":\"presence.set\",\"id\":\"3\",\"data\":{\"status\":null}}");
    }
}
