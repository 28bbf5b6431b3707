package dev.callboard.auth;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * In demo mode the accounts' password is published in the README, so the server listens on
 * 127.0.0.1 unless {@code server.address} ({@code SERVER_ADDRESS}) says otherwise: a laptop trying
 * Callboard must not offer admin access to its whole network. Decided before the web server exists.
 */
public class DemoListensLocally implements EnvironmentPostProcessor {
    static final String SOURCE = "callboard-demo-listens-locally";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("server.address")) return;
        String demo = environment.getProperty("callboard.demo.enabled", "");
        String databaseUrl = environment.getProperty("callboard.database.url", "");
        boolean demoOn = demo.isBlank() ? databaseUrl.isBlank() : Boolean.parseBoolean(demo.strip());
        if (demoOn) environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of("server.address", "127.0.0.1")));
    }
}
