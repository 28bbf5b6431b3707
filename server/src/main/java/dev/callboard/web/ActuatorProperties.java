package dev.callboard.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param metricsToken a static bearer token that may read metrics and the Prometheus scrape
 *                     ({@code CALLBOARD_METRICS_TOKEN}); compared in memory, so scraping costs no
 *                     database lookup. Unset: only admins' tokens may.
 */
@ConfigurationProperties("callboard.actuator")
public record ActuatorProperties(String metricsToken) {}
