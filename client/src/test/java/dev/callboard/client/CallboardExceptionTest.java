package dev.callboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallboardExceptionTest {

    @Test
    void readsTheContractErrorBody() {
        CallboardException e = CallboardException.fromResponse(404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"No such call\",\"traceId\":\"abc\"}}");

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("not_found");
        assertThat(e.getMessage()).isEqualTo("No such call");
        assertThat(e).hasToString("CallboardException[status=404, code=not_found, message=No such call]");
    }

    @Test
    void missingMessageFallsBackToTheStatus() {
        CallboardException e = CallboardException.fromResponse(429, "{\"error\":{\"code\":\"rate_limited\"}}");

        assertThat(e.code()).isEqualTo("rate_limited");
        assertThat(e.getMessage()).isEqualTo("HTTP 429");
    }

    @Test
    void nonJsonBodyKeepsAShortSnippet() {
        String html = "<html><body>" + "Bad Gateway ".repeat(50) + "</body></html>";

        CallboardException e = CallboardException.fromResponse(502, html);

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("http_502");
        assertThat(e.getMessage()).startsWith("HTTP 502: <html><body>Bad Gateway").endsWith("...").hasSizeLessThan(230);
    }

    @Test
    void emptyBody() {
        CallboardException e = CallboardException.fromResponse(401, "");

        assertThat(e.code()).isEqualTo("http_401");
        assertThat(e.getMessage()).isEqualTo("HTTP 401");
    }

    @Test
    void jsonOfAnotherShape() {
        CallboardException e = CallboardException.fromResponse(400, "{\"message\":\"nope\"}");

        assertThat(e.code()).isEqualTo("http_400");
        assertThat(e.getMessage()).contains("nope");
    }

    @Test
    void errorCodeOfWrongTypeIsIgnored() {
        CallboardException e = CallboardException.fromResponse(409, "{\"error\":{\"code\":7,\"message\":\"Conflict\"}}");

        assertThat(e.code()).isEqualTo("http_409");
        assertThat(e.getMessage()).isEqualTo("Conflict");
    }
}
