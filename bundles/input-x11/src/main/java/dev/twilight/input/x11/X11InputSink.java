package dev.twilight.input.x11;

import dev.twilight.api.input.InputEvent;
import dev.twilight.api.input.InputSink;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionListener;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.awt.GraphicsEnvironment;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects clients' keyboard, text, mouse and scroll input into the host's X display. Events are queued and
 * injected on a thread of this component, so the control stream never waits for the X server. Without a
 * usable display it says why once and {@link #supports} answers false, so the control stream counts and
 * drops the events. A new configuration restarts the component (keys held down are let go).
 *
 * <p>It is also a {@link SessionListener}: when a session stops, the keys and buttons its client still held
 * are let go.
 */
@Component(service = {InputSink.class, SessionListener.class}, configurationPid = X11InputSink.PID)
@Designate(ocd = X11InputSink.Config.class)
public class X11InputSink implements InputSink, SessionListener {

    static final String PID = "dev.twilight.input.x11";
    static final String NAME = "x11";
    /** About two seconds of a fast typist and a 1000 Hz mouse; beyond it the display is not keeping up. */
    static final int QUEUE_CAPACITY = 1024;
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final Set<Class<? extends InputEvent>> KINDS = Set.of(InputEvent.Key.class,
            InputEvent.Text.class, InputEvent.MouseMove.class, InputEvent.MousePosition.class,
            InputEvent.MouseButton.class, InputEvent.Scroll.class);
    private static final Logger LOG = LoggerFactory.getLogger(X11InputSink.class);

    @ObjectClassDefinition(name = "Twilight X11 input",
            description = "Injects clients' keyboard and mouse input into the host's X display (java.awt.Robot)")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Inject the keyboard, mouse and text input of "
                + "streaming clients; when false their input is dropped")
        boolean enabled() default true;

        @AttributeDefinition(name = "Display", required = false, description = "The X display to inject into, "
                + "e.g. :0; empty means the DISPLAY the host was started with. Java connects to one display per "
                + "process, the one in DISPLAY at start, and cannot switch: a value other than that DISPLAY turns "
                + "input off with a warning. To use another display, start the host with DISPLAY set to it.")
        String display() default "";
    }

    private final Injector injector = new Injector(QUEUE_CAPACITY);

    @Activate
    public X11InputSink(Config config) {
        this(config, System.getenv("DISPLAY"));
    }

    /** @param environmentDisplay the JVM's {@code DISPLAY}, the only display AWT can connect to */
    X11InputSink(Config config, String environmentDisplay) {
        if (!config.enabled()) {
            LOG.info("X11 input is disabled ({} enabled=false): clients' keyboard and mouse are ignored", PID);
            return;
        }
        Optional<String> problem = problem(config.display().trim(), environmentDisplay);
        if (problem.isPresent()) {
            LOG.warn(problem.get());
            return;
        }
        injector.start("twilight-input-x11", () -> {
            RobotTarget target = RobotTarget.open(environmentDisplay);
            LOG.info("X11 input: clients' keyboard and mouse go to display {}", environmentDisplay);
            return target;
        });
    }

    @Deactivate
    void deactivate() {
        injector.stop(STOP_WAIT);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** True for keys, text, mouse and scroll once the display is open; never for controllers, touch or pen. */
    @Override
    public boolean supports(Class<? extends InputEvent> kind) {
        return injector.ready() && KINDS.contains(kind);
    }

    @Override
    public void inject(String sessionId, InputEvent event) {
        injector.offer(sessionId, event);
    }

    @Override
    public void sessionEvent(StreamSession session, SessionEvent event) {
        if (event.state() == SessionState.STOPPING || event.state() == SessionState.ENDED) {
            injector.endSession(session.id());
        }
    }

    long count(InputCounter counter) {
        return injector.count(counter);
    }

    /** Why AWT cannot reach the display asked for, checked before AWT is touched, or empty. */
    private static Optional<String> problem(String display, String environmentDisplay) {
        boolean noEnvironment = environmentDisplay == null || environmentDisplay.isBlank();
        if (noEnvironment && display.isEmpty()) {
            return Optional.of("X11 input is off: the host has no X display (DISPLAY is not set). Start the host "
                    + "with DISPLAY set, e.g. DISPLAY=:0 ./twilight host");
        }
        if (noEnvironment) {
            return Optional.of("X11 input is off: " + PID + " names display " + display + ", but the host was "
                    + "started without DISPLAY and Java connects only to the display in DISPLAY at start. Start the "
                    + "host with DISPLAY=" + display);
        }
        if (!display.isEmpty() && !display.equals(environmentDisplay)) {
            return Optional.of("X11 input is off: " + PID + " names display " + display + ", but the host runs "
                    + "with DISPLAY=" + environmentDisplay + " and Java connects to one display per process. Start "
                    + "the host with DISPLAY=" + display + ", or clear the display setting");
        }
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.of("X11 input is off: Java runs headless (java.awt.headless=true); remove that option "
                    + "(TWILIGHT_JAVA_OPTS) to inject into display " + environmentDisplay);
        }
        return Optional.empty();
    }
}
