package dev.twilight.gamestream.audio;

import dev.twilight.api.capture.AudioCaptureSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The audio capture sources registered now, in the order streams should try them, and a generation that moves on
 * every change, so that a stream re-selects between two chunks. Order: the configured preference, then sources it
 * does not name, then the synthetic {@value #TONE} unless named. Thread-safe.
 */
final class AudioSources {

    /** The synthetic test tone's name: the source of last resort. */
    static final String TONE = "tone";

    private final List<String> preference;
    private final List<AudioCaptureSource> sources = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private long generation;

    /** @param preference source names, best first */
    AudioSources(List<String> preference) {
        this.preference = List.copyOf(preference);
    }

    void add(AudioCaptureSource source) {
        sources.add(source);
        moved();
    }

    void remove(AudioCaptureSource source) {
        sources.remove(source);
        moved();
    }

    long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /** The sources that can capture here, best first. */
    List<AudioCaptureSource> ranked() {
        List<AudioCaptureSource> available = new ArrayList<>();
        for (AudioCaptureSource source : sources) {
            if (source.probe().available()) {
                available.add(source);
            }
        }
        available.sort(Comparator.comparingInt(this::rank));
        return available;
    }

    /** Names of every registered source, for messages. */
    List<String> names() {
        return sources.stream().map(AudioCaptureSource::name).toList();
    }

    /**
     * Waits until the generation differs from {@code seen}.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void awaitChange(long seen) throws InterruptedException {
        synchronized (lock) {
            while (generation == seen) {
                lock.wait();
            }
        }
    }

    private int rank(AudioCaptureSource source) {
        int named = preference.indexOf(source.name());
        if (named >= 0) {
            return named;
        }
        return TONE.equals(source.name()) ? preference.size() + 1 : preference.size();
    }

    private void moved() {
        synchronized (lock) {
            generation++;
            lock.notifyAll();
        }
    }
}
