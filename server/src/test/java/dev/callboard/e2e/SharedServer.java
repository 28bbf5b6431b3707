package dev.callboard.e2e;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The configuration most end-to-end tests share, and so one server (application context) for all of
 * them: a root admin, and presence thresholds shortened by configuration (heartbeat 1 s, 2 missed →
 * dropped, away after 2 s idle, offline after 4 s idle), never by sleeping long.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@TestPropertySource(properties = {
        "callboard.auth.admin-email=root@e2e.test", "callboard.auth.admin-password=root-password-1",
        "callboard.presence.heartbeat-interval=1s", "callboard.presence.missed-heartbeats=2",
        "callboard.presence.away-after=2s", "callboard.presence.offline-after=4s",
        "callboard.presence.sweep-interval=100ms"})
@interface SharedServer {}
