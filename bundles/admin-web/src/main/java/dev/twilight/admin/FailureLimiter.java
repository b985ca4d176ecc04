package dev.twilight.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per remote address: after {@value #MAX_FAILURES} within a minute the address is refused
 * for a minute, which makes guessing the admin password hopeless.
 */
final class FailureLimiter {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Past this many addresses, entries whose window and block are over are dropped. */
    private static final int PRUNE_ABOVE = 1024;

    private record Failures(int count, Instant since, Instant blockedUntil) {
        boolean over(Instant now) {
            return !now.isBefore(since.plus(WINDOW)) && (blockedUntil == null || !now.isBefore(blockedUntil));
        }
    }

    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    FailureLimiter(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must still wait; zero when it may try. */
    Duration blockedFor(String address) {
        Failures failures = byAddress.get(address);
        Instant now = clock.instant();
        if (failures == null || failures.blockedUntil() == null || !now.isBefore(failures.blockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.blockedUntil());
    }

    /** @return true when this failure blocks the address */
    boolean failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() > PRUNE_ABOVE) {
            byAddress.values().removeIf(failures -> failures.over(now));
        }
        Failures updated = byAddress.compute(address, (key, failures) -> {
            if (failures == null || failures.over(now)) {
                return new Failures(1, now, null);
            }
            int count = failures.count() + 1;
            return new Failures(count, failures.since(), count >= MAX_FAILURES ? now.plus(WINDOW) : null);
        });
        return updated.count() == MAX_FAILURES;
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }
}
