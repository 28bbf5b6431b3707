package dev.callboard.auth;

import dev.callboard.directory.User;
import dev.callboard.identity.Role;
import dev.callboard.support.RawWebSocket;
import dev.callboard.web.AuthenticationFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logout that lands while a socket of that session is being opened: its token was already found
 * valid, but the socket is not yet among the open ones that the logout closes. It must still close
 * with 4003 as soon as it is open, not at the next periodic re-check (pushed out of reach here).
 */
@TestPropertySource(properties = "callboard.auth.session-recheck=PT1H")
// a configuration of its own: closed afterwards, so its pool does not count against a shared PostgreSQL
@DirtiesContext
class LogoutWhileConnectingIT extends AuthIntegrationTest {
    static final CountDownLatch authenticated = new CountDownLatch(1);
    static final CompletableFuture<Void> release = new CompletableFuture<>();

    @Autowired
    AuthTokens tokens;
    @Autowired
    Sessions sessions;

    @TestConfiguration
    static class HoldAfterAuthentication {
        /** Right behind authentication, holds an upgrade that asks for it until the test lets it go. */
        @Bean
        WebFilter holdUpgrade() {
            return new OrderedHold();
        }
    }

    static final class OrderedHold implements WebFilter, Ordered {
        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            if (!"1".equals(exchange.getRequest().getQueryParams().getFirst("hold"))) return chain.filter(exchange);
            authenticated.countDown();
            return Mono.fromFuture(release).then(chain.filter(exchange));
        }

        @Override
        public int getOrder() {
            return AuthenticationFilter.ORDER + 1;
        }
    }

    @Test
    void aSocketWhoseSessionEndedWhileItWasOpeningClosesWith4003() throws Exception {
        User ada = createUser(Role.ADMIN);
        String token = tokens.issue(ada.id()).token();

        CompletableFuture<Integer> closeCode = CompletableFuture.supplyAsync(() -> {
            try (RawWebSocket ws = RawWebSocket.open(port, token, "/ws?hold=1&deviceId=desk")) {
                return ws.awaitCloseCode();
            }
        });
        assertThat(authenticated.await(10, TimeUnit.SECONDS)).as("the token was found valid").isTrue();
        sessions.logout(token);
        release.complete(null);

        assertThat(closeCode.get(40, TimeUnit.SECONDS)).isEqualTo(4003);
    }
}
