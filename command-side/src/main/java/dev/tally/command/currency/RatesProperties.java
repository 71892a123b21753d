package dev.tally.command.currency;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the exchange-rates feed ({@code tally.rates.*}).
 *
 * @param adminToken secret an operator sends in {@code X-Admin-Token} to load rates; the endpoint answers 404 when unset
 */
@ConfigurationProperties("tally.rates")
public record RatesProperties(String adminToken) {
}
