package dev.twilight.gamestream.pairing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FailedPairingsTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anAddressIsLimitedWithinAMinuteOfItsFailuresOnly() {
        FailedPairings failures = new FailedPairings(2, clock());
        failures.record("10.0.0.5");
        assertFalse(failures.limited("10.0.0.5"));
        now = now.plusSeconds(30);
        failures.record("10.0.0.5");
        assertTrue(failures.limited("10.0.0.5"));
        assertFalse(failures.limited("10.0.0.6"), "other addresses are not affected");

        now = now.plus(Duration.ofSeconds(31));
        assertFalse(failures.limited("10.0.0.5"), "the first failure is more than a minute old");
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }
}
