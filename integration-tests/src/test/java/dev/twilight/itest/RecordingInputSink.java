package dev.twilight.itest;

import dev.twilight.api.input.InputEvent;
import dev.twilight.api.input.InputSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The host's input sink as a test sees it: every event it was handed, in order. */
final class RecordingInputSink implements InputSink {

    private final List<InputEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public boolean supports(Class<? extends InputEvent> kind) {
        return true;
    }

    @Override
    public void inject(String sessionId, InputEvent event) {
        events.add(event);
    }

    List<InputEvent> events() {
        return List.copyOf(events);
    }
}
