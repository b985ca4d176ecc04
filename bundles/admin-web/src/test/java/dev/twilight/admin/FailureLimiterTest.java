package dev.twilight.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.shell.TestHost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = TestHost.NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final FailureLimiter limiter = new FailureLimiter(clock);

    @Test
    void theFifthFailureWithinAMinuteBlocksTheAddressForAMinute() {
        for (int i = 1; i < FailureLimiter.MAX_FAILURES; i++) {
            assertFalse(limiter.failed("10.0.0.1"));
            assertEquals(Duration.ZERO, limiter.blockedFor("10.0.0.1"));
        }
        assertTrue(limiter.failed("10.0.0.1"));
        assertEquals(Duration.ofMinutes(1), limiter.blockedFor("10.0.0.1"));
        assertEquals(Duration.ZERO, limiter.blockedFor("10.0.0.2"), "other addresses are not affected");

        clock.advance(Duration.ofSeconds(45));
        assertEquals(Duration.ofSeconds(15), limiter.blockedFor("10.0.0.1"));
        clock.advance(Duration.ofSeconds(15));
        assertEquals(Duration.ZERO, limiter.blockedFor("10.0.0.1"));
        assertFalse(limiter.failed("10.0.0.1"), "after the block the count starts again");
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteDoNotBlock() {
        for (int i = 0; i < 3 * FailureLimiter.MAX_FAILURES; i++) {
            assertFalse(limiter.failed("10.0.0.1"));
            clock.advance(Duration.ofSeconds(20));
        }
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 1; i < FailureLimiter.MAX_FAILURES; i++) {
            limiter.failed("10.0.0.1");
        }
        limiter.succeeded("10.0.0.1");
        assertFalse(limiter.failed("10.0.0.1"));
    }
}
