package dev.callboard.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;

/** The server's clock replaced by one the test moves by hand: {@code @Import(MovableClock.class)}. */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClock {
    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(Clock.systemUTC().instant());
    }
}
