package dev.twilight.gamestream.pairing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Failed pairings per client address over the last minute, so that no address can keep guessing. */
final class FailedPairings {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> byAddress = new HashMap<>();

    FailedPairings(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    synchronized void record(String address) {
        forget();
        byAddress.computeIfAbsent(address, any -> new ArrayDeque<>()).addLast(clock.instant());
    }

    /** Whether the address used up its failures for now. */
    synchronized boolean limited(String address) {
        forget();
        Deque<Instant> failures = byAddress.get(address);
        return failures != null && failures.size() >= perMinute;
    }

    private void forget() {
        Instant horizon = clock.instant().minus(WINDOW);
        byAddress.values().forEach(failures -> {
            while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
                failures.removeFirst();
            }
        });
        byAddress.values().removeIf(Deque::isEmpty);
    }
}
