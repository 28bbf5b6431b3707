package dev.callboard.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.callboard.auth.BearerToken;

import java.util.Optional;

/** What the web filters answer with when they refuse a request themselves: the API's error shape. */
final class ErrorResponses {
    private ErrorResponses() {}

    static Mono<Void> reject(ServerWebExchange exchange, JsonMapper json, HttpStatus status, String code, String message) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(ErrorBody.of(code, message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    static Mono<Void> unauthorized(ServerWebExchange exchange, JsonMapper json) {
        return unauthorized(exchange, json, "unauthorized", "missing or invalid bearer token");
    }

    /** 401 with the reason; {@code WWW-Authenticate} as RFC 6750 has it. */
    static Mono<Void> unauthorized(ServerWebExchange exchange, JsonMapper json, String code, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                code.equals("unauthorized") ? "Bearer" : "Bearer error=\"invalid_token\"");
        return reject(exchange, json, HttpStatus.UNAUTHORIZED, code, message);
    }

    static Optional<String> bearerToken(ServerHttpRequest request) {
        return BearerToken.parse(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    }
}
