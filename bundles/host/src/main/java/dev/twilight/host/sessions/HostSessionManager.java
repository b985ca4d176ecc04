package dev.twilight.host.sessions;

import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchOutcome;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.PolicyDecision;
import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionListener;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.api.session.SessionRequest;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's sessions and its running app. Designed so that nothing can wedge:
 * <ul>
 * <li>every session is an explicit state machine ({@link Session}); counts and lists are read off the live
 * session objects, never kept in counters, and an ending session leaves them at once;</li>
 * <li>pending launches are kept per client, so near-simultaneous launches by two clients cannot swap keys;</li>
 * <li>a sweeper ends pending launches nobody claims and streams nobody pings within the ping timeout;</li>
 * <li>launch, resume and cancel run one at a time (bounded wait); app teardown runs on its own threads with a
 * time limit, after which the app is killed and forgotten anyway, so {@code /cancel} always gets an answer and
 * {@link #currentAppId()} is right before it is written;</li>
 * <li>the session table has one lock, under which nothing blocks: listeners are told on their own thread, in
 * order, and every event is logged there.</li>
 * </ul>
 * What a request may do while sessions are live is the configured {@link SessionPolicy}'s decision.
 */
@Component(service = SessionManager.class, configurationPid = SessionManager.CONFIGURATION_PID)
@Designate(ocd = SessionsConfig.class)
public class HostSessionManager implements SessionManager {

    private static final Logger LOG = LoggerFactory.getLogger(HostSessionManager.class);
    private static final long SWEEP_MILLIS = 100;
    /** How long app teardown waits for the listeners to hear of the ending sessions before it stops the app. */
    private static final Duration NOTIFY_LIMIT = Duration.ofSeconds(1);
    /** Added to app_stop_timeout_ms for the bound on a whole stop: listeners, the kill and the undo commands. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(2);
    private static final String HOST = "host";
    private static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int ID_LENGTH = 8;

    private final AppRegistry registry;
    private final List<SessionPolicy> policies = new CopyOnWriteArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();
    /** Launch, resume, cancel and shutdown, one at a time; never taken while holding {@link #lock}. */
    private final ReentrantLock control = new ReentrantLock(true);
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            threads("twilight-session-sweeper"));
    /** Listener calls and event logging, one at a time and in order. */
    private final ExecutorService events = Executors.newSingleThreadExecutor(threads("twilight-session-events"));
    private final ExecutorService teardown = Executors.newCachedThreadPool(threads("twilight-app-teardown"));

    /** Guards the session table and the running app; held only for quick, non-blocking work. */
    private final Object lock = new Object();
    private final Map<String, Session> live = new LinkedHashMap<>();
    /** Ended sessions, most recently ended first, at most history_size. */
    private final Deque<Session> ended = new ArrayDeque<>();
    private RunningApp app;
    private boolean closed;

    private volatile Settings settings;

    @Activate
    public HostSessionManager(@Reference(name = "apps") AppRegistry registry, SessionsConfig config) {
        this.registry = registry;
        this.settings = Settings.of(config);
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A new policy applies to the next request; live sessions are left as they are. */
    @Modified
    void modified(SessionsConfig config) {
        Settings old = settings;
        settings = Settings.of(config);
        synchronized (lock) {
            trimHistoryLocked();
        }
        if (!old.policy().equals(settings.policy())) {
            LOG.info("session policy is now '{}' (was '{}'); live sessions are kept, the next request obeys it",
                    settings.policy(), old.policy());
        }
    }

    /** Ends every session and stops the app, each step bounded, then stops the manager's threads. */
    @Deactivate
    void deactivate() {
        Settings current = settings;
        boolean locked = acquire(current.stopBound());
        try {
            RunningApp running;
            List<Session> ending;
            synchronized (lock) {
                closed = true;
                running = app;
                ending = List.copyOf(live.values());
                ending.forEach(session -> endLocked(session, "shutdown", HOST, "the host is shutting down"));
            }
            sweeper.shutdownNow();
            if (running != null) {
                stopApp(running, ending, "the host is shutting down");
            }
            // queued events are still delivered, within the limit
            shutDown(events, NOTIFY_LIMIT);
            shutDown(teardown, NOTIFY_LIMIT);
        } finally {
            if (locked) {
                control.unlock();
            }
        }
    }

    @Reference(name = "policies", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addPolicy(SessionPolicy policy) {
        policies.add(policy);
        LOG.info("session policy '{}' available", policy.name());
    }

    public void removePolicy(SessionPolicy policy) {
        policies.remove(policy);
        LOG.info("session policy '{}' went away", policy.name());
    }

    @Reference(name = "listeners", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public LaunchOutcome launch(ClientRef client, LaunchParameters parameters) {
        return exclusively(() -> {
            RunningApp running = runningApp();
            if (running != null) {
                if (running.app().id() == parameters.appId()) {
                    return queueOn(running, client, parameters, "resume",
                            "launch of " + running.app().name() + ", which is already running: resumed");
                }
                return LaunchOutcome.refused(new Refusal(400, "app-running",
                        running.app().name() + " is running; only one app runs at a time",
                        "resume it or quit it first"));
            }
            Optional<App> wanted = registry.find(parameters.appId());
            if (wanted.isEmpty()) {
                return LaunchOutcome.refused(new Refusal(404, "unknown-app",
                        "this host has no app with id " + parameters.appId(),
                        "refresh the app list and pick one of its apps"));
            }
            App app = wanted.get();
            PolicyDecision decision = decide(SessionRequest.Action.LAUNCH, client, app.id(), 0);
            if (!decision.allowed()) {
                return LaunchOutcome.refused(decision.refusal());
            }
            endByPolicy(decision, client, "launch of " + app.name());
            RunningApp started;
            try {
                started = RunningApp.start(app, parameters, settings.appStopTimeout());
            } catch (RunningApp.StartFailed e) {
                LOG.warn("launch of {} by '{}' failed: {}", app.name(), client.name(), e.getMessage());
                return LaunchOutcome.refused(new Refusal(500, "app-start-failed", e.getMessage(),
                        "fix the app's prep-cmd, cmd or working-dir in the apps file, then launch it again"));
            }
            Session session;
            synchronized (lock) {
                if (!closed) {
                    this.app = started;
                    session = queueLocked(client, parameters, app.id(), "launch", "launch of " + app.name());
                } else {
                    session = null;
                }
            }
            if (session == null) {
                started.stop(settings.appStopTimeout());
                return LaunchOutcome.refused(shuttingDown());
            }
            started.onExit(exitCode -> appExited(started, exitCode), teardown);
            return LaunchOutcome.accepted(session);
        }, LaunchOutcome::refused);
    }

    @Override
    public LaunchOutcome resume(ClientRef client, LaunchParameters parameters) {
        return exclusively(() -> {
            RunningApp running = runningApp();
            if (running == null) {
                return LaunchOutcome.refused(noApp("no app is running"));
            }
            return queueOn(running, client, parameters, "resume", "resume of " + running.app().name());
        }, LaunchOutcome::refused);
    }

    /** A pending launch on the app that runs, when the policy allows it. Called holding {@link #control}. */
    private LaunchOutcome queueOn(RunningApp running, ClientRef client, LaunchParameters parameters, String what,
                                  String why) {
        int appId = running.app().id();
        PolicyDecision decision = decide(SessionRequest.Action.RESUME, client, appId, appId);
        if (!decision.allowed()) {
            return LaunchOutcome.refused(decision.refusal());
        }
        endByPolicy(decision, client, why);
        synchronized (lock) {
            if (app != running) {
                return LaunchOutcome.refused(noApp("no app is running (" + running.app().name() + " just exited)"));
            }
            return LaunchOutcome.accepted(queueLocked(client, parameters, appId, what, why));
        }
    }

    private static Refusal noApp(String message) {
        return new Refusal(503, "no-app", message, "launch one");
    }

    @Override
    public Optional<Refusal> cancel(ClientRef client) {
        return exclusively(() -> {
            RunningApp running = runningApp();
            int appId = running == null ? 0 : running.app().id();
            PolicyDecision decision = decide(SessionRequest.Action.CANCEL, client, appId, appId);
            if (!decision.allowed()) {
                return Optional.of(decision.refusal());
            }
            String why = running == null ? client.name() + " quit" : client.name() + " quit " + running.app().name();
            List<Session> ending = new ArrayList<>();
            synchronized (lock) {
                Set<Session> toEnd = new LinkedHashSet<>();
                decision.sessionsToEnd().stream().map(live::get).filter(Objects::nonNull)
                        .forEach(toEnd::add);
                live.values().stream().filter(session -> session.appId() == appId).forEach(toEnd::add);
                for (Session session : toEnd) {
                    endLocked(session, "app-quit", client.name(), why);
                    ending.add(session);
                }
            }
            if (running != null) {
                stopApp(running, ending, why);
            }
            return Optional.<Refusal>empty();
        }, Optional::of);
    }

    /**
     * Stops the app on the teardown threads once the listeners heard of the ending sessions, and waits for it
     * within app_stop_timeout_ms plus a margin; past that the app is killed and forgotten anyway, so that it is
     * never reported as running after this returns.
     */
    private void stopApp(RunningApp running, List<Session> ending, String why) {
        Settings current = settings;
        Future<?> stop;
        try {
            stop = teardown.submit(() -> {
                awaitTold(ending);
                running.stop(current.appStopTimeout());
                forget(running);
            });
        } catch (RejectedExecutionException e) {
            running.forceKill();
            forget(running);
            return;
        }
        try {
            stop.get(current.stopBound().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("{} quit: {}", running.app().name(), why);
            return;
        } catch (TimeoutException e) {
            LOG.warn("{} did not stop within {} ms (its processes or undo commands hang); it was killed and is no "
                    + "longer reported as running", running.app().name(), current.stopBound().toMillis());
        } catch (ExecutionException e) {
            LOG.error("stopping {} failed; it was killed and is no longer reported as running",
                    running.app().name(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while stopping {}; it was killed and is no longer reported as running",
                    running.app().name());
        }
        running.forceKill();
        forget(running);
    }

    /** Waits, within a limit, until the listeners have heard that these sessions ended. */
    private static void awaitTold(List<Session> sessions) {
        try {
            CompletableFuture.allOf(sessions.stream().map(Session::told).toArray(CompletableFuture[]::new))
                    .get(NOTIFY_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("session listeners were slow to hear of the ending sessions; stopping the app anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forget(RunningApp running) {
        synchronized (lock) {
            if (app == running) {
                app = null;
            }
        }
    }

    /** The app's command exited by itself: its sessions end and the prep commands are undone. */
    private void appExited(RunningApp running, int exitCode) {
        if (running.stopRequested()) {
            return;
        }
        String why = running.app().name() + " exited by itself with code " + exitCode;
        synchronized (lock) {
            if (app == running) {
                app = null;
            }
            List.copyOf(live.values()).stream().filter(session -> session.appId() == running.app().id())
                    .forEach(session -> endLocked(session, "app-exited", HOST, why));
        }
        LOG.info("{}; no app is running now", why);
        running.undo();
    }

    @Override
    public int currentAppId() {
        synchronized (lock) {
            return app == null ? 0 : app.app().id();
        }
    }

    private RunningApp runningApp() {
        synchronized (lock) {
            return app;
        }
    }

    @Override
    public List<StreamSession> liveSessions() {
        synchronized (lock) {
            return List.copyOf(live.values());
        }
    }

    /** Live sessions, newest first, then the ended ones, most recently ended first. */
    @Override
    public List<StreamSession> recentSessions() {
        synchronized (lock) {
            List<StreamSession> recent = new ArrayList<>(live.values());
            Collections.reverse(recent);
            recent.addAll(ended);
            return List.copyOf(recent);
        }
    }

    @Override
    public Optional<StreamSession> find(String sessionId) {
        synchronized (lock) {
            Session session = live.get(sessionId);
            if (session == null) {
                session = ended.stream().filter(old -> old.id().equals(sessionId)).findFirst().orElse(null);
            }
            return Optional.ofNullable(session);
        }
    }

    @Override
    public boolean forceDisconnect(String sessionId, String reason) {
        synchronized (lock) {
            Session session = live.get(sessionId);
            if (session == null) {
                return false;
            }
            endLocked(session, "force-disconnect", "admin", reason);
            return true;
        }
    }

    @Override
    public String policyName() {
        return settings.policy();
    }

    @Override
    public Optional<StreamSession> claimPendingLaunch(String clientId) {
        synchronized (lock) {
            for (Session session : live.values()) {
                if (session.state() == SessionState.PENDING_LAUNCH && session.client().id().equals(clientId)) {
                    SessionEvent event = session.advance(SessionState.STREAMING, "rtsp-claimed",
                            session.client().name(), "the client's RTSP handshake arrived");
                    publishLocked(session, event);
                    return Optional.of(session);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void heard(String sessionId) {
        synchronized (lock) {
            Session session = live.get(sessionId);
            if (session != null) {
                session.heard();
            }
        }
    }

    @Override
    public void streamStopped(String sessionId, String reason) {
        synchronized (lock) {
            Session session = live.get(sessionId);
            if (session != null) {
                endLocked(session, "client-disconnected", session.client().name(), reason);
            }
        }
    }

    /** Runs a launch, resume or cancel alone, or refuses it when another one does not finish in time. */
    private <T> T exclusively(Supplier<T> action, Function<Refusal, T> refused) {
        Duration bound = settings.stopBound();
        if (!acquire(bound)) {
            return refused.apply(new Refusal(503, "host-busy",
                    "another launch, resume or quit did not finish within " + bound.toSeconds() + " s",
                    "try again in a moment"));
        }
        try {
            synchronized (lock) {
                if (closed) {
                    return refused.apply(shuttingDown());
                }
            }
            return action.get();
        } finally {
            control.unlock();
        }
    }

    private boolean acquire(Duration bound) {
        try {
            return control.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Refusal shuttingDown() {
        return new Refusal(503, "shutting-down", "the host is shutting down", "try again once it is back");
    }

    /** The configured policy's decision; a refusal when that policy is not running or fails. */
    private PolicyDecision decide(SessionRequest.Action action, ClientRef client, int appId, int runningAppId) {
        Settings current = settings;
        String name = current.policy();
        Optional<SessionPolicy> policy = policies.stream().filter(candidate -> candidate.name().equals(name))
                .findFirst();
        if (policy.isEmpty()) {
            String available = policies.stream().map(SessionPolicy::name).distinct().sorted()
                    .collect(Collectors.joining(", "));
            return PolicyDecision.refuse(new Refusal(503, "policy-unavailable",
                    "the session policy '" + name + "' is not running",
                    available.isEmpty() ? "start the policy-" + name + " bundle (no policy bundle is running)"
                            : "start the policy-" + name + " bundle or set policy to one of " + available));
        }
        try {
            PolicyDecision decision = policy.get().decide(
                    new SessionRequest(action, client, appId, runningAppId, current.pingTimeout()), liveSessions());
            if (decision == null) {
                throw new IllegalStateException("it returned no decision");
            }
            return decision;
        } catch (RuntimeException e) {
            LOG.error("the session policy '{}' failed on a {} by '{}'", name, action, client.name(), e);
            return PolicyDecision.refuse(new Refusal(500, "policy-failed",
                    "the session policy '" + name + "' failed: " + e.getMessage(),
                    "see the host log; meanwhile set policy to another one (twilight:policy NAME)"));
        }
    }

    private void endByPolicy(PolicyDecision decision, ClientRef client, String request) {
        if (decision.sessionsToEnd().isEmpty()) {
            return;
        }
        String why = "the '" + settings.policy() + "' policy ends it for the " + request + " by " + client.name();
        synchronized (lock) {
            decision.sessionsToEnd().stream().map(live::get).filter(Objects::nonNull)
                    .forEach(session -> endLocked(session, "ended-by-policy", client.name(), why));
        }
    }

    /** A new pending launch for the client, replacing its older one. Called holding {@link #lock}. */
    private Session queueLocked(ClientRef client, LaunchParameters parameters, int appId, String what, String why) {
        List.copyOf(live.values()).stream()
                .filter(old -> old.state() == SessionState.PENDING_LAUNCH && old.client().id().equals(client.id()))
                .forEach(old -> endLocked(old, "replaced", client.name(), "a newer " + what + " by the same client "
                        + "replaced it"));
        Session session = new Session(newId(), client, appId, parameters, what, why);
        live.put(session.id(), session);
        publishLocked(session, session.history().get(0));
        return session;
    }

    /**
     * Ends a session: STOPPING and ENDED at once, so that no list, count or policy decision ever includes a
     * session that is going. The listeners hear of both, in order; the streaming plane sends the client its
     * termination message on STOPPING. Called holding the lock.
     */
    private void endLocked(Session session, String what, String who, String why) {
        SessionEvent stopping = session.advance(SessionState.STOPPING, what, who, why);
        if (stopping == null) {
            return;
        }
        SessionEvent end = session.advance(SessionState.ENDED, what, who, why);
        live.remove(session.id());
        ended.addFirst(session);
        trimHistoryLocked();
        publishLocked(session, stopping);
        publishLocked(session, end);
    }

    /**
     * Queues the event for logging and the listeners: the events thread keeps them in order, and marks a session
     * told once its ENDED event is through. Called holding the lock, so it never blocks.
     */
    private void publishLocked(Session session, SessionEvent event) {
        try {
            events.execute(() -> {
                tell(session, event);
                if (event.state() == SessionState.ENDED) {
                    session.told().complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            // shut down: nobody is listening any more
            session.told().complete(null);
        }
    }

    private void tell(Session session, SessionEvent event) {
        LOG.info("session {} of '{}' on app {}: {} ({}, by {}): {}", session.id(), session.client().name(),
                session.appId(), event.state(), event.what(), event.who(), event.why());
        for (SessionListener listener : listeners) {
            try {
                listener.sessionEvent(session, event);
            } catch (RuntimeException e) {
                LOG.error("session listener {} failed on {} of session {}; the session goes on regardless",
                        listener.getClass().getName(), event.what(), session.id(), e);
            }
        }
    }

    /** Ends what nobody claimed or pinged within the ping timeout. */
    private void sweep() {
        try {
            Settings current = settings;
            long limit = current.pingTimeout().toNanos();
            long millis = current.pingTimeout().toMillis();
            long now = System.nanoTime();
            synchronized (lock) {
                for (Session session : List.copyOf(live.values())) {
                    if (session.state() == SessionState.PENDING_LAUNCH && session.nanosInState(now) > limit) {
                        endLocked(session, "pending-timeout", HOST, "the client did not start its stream (RTSP "
                                + "handshake) within the ping timeout of " + millis + " ms");
                    } else if (session.state() == SessionState.STREAMING && session.nanosSinceHeard(now) > limit) {
                        endLocked(session, "ping-timeout", HOST, "nothing heard from the client for " + millis
                                + " ms (the ping timeout)");
                    }
                }
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep sweeping
            LOG.error("the session sweep failed; it runs again shortly", e);
        }
    }

    private void trimHistoryLocked() {
        while (ended.size() > settings.historySize()) {
            ended.removeLast();
        }
    }

    /** Short, random and unique among the sessions kept. Called holding the lock. */
    private String newId() {
        while (true) {
            StringBuilder id = new StringBuilder(ID_LENGTH);
            for (int i = 0; i < ID_LENGTH; i++) {
                id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            }
            String candidate = id.toString();
            if (!live.containsKey(candidate) && ended.stream().noneMatch(old -> old.id().equals(candidate))) {
                return candidate;
            }
        }
    }

    private static void shutDown(ExecutorService executor, Duration limit) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The configuration, with values that make no sense replaced by the defaults. */
    private record Settings(String policy, Duration pingTimeout, Duration appStopTimeout, int historySize) {

        static Settings of(SessionsConfig config) {
            String policy = config.policy() == null || config.policy().isBlank() ? "lenient" : config.policy().strip();
            int ping = config.ping_timeout_ms();
            if (ping <= 0) {
                LOG.warn("ping.timeout.ms {} is not a positive number of milliseconds; using 10000", ping);
                ping = 10000;
            }
            int stop = config.app_stop_timeout_ms();
            if (stop <= 0) {
                LOG.warn("app.stop.timeout.ms {} is not a positive number of milliseconds; using 5000", stop);
                stop = 5000;
            }
            return new Settings(policy, Duration.ofMillis(ping), Duration.ofMillis(stop),
                    Math.max(0, config.history_size()));
        }

        /** The longest a stop of the app may take before the app is killed and forgotten. */
        Duration stopBound() {
            return appStopTimeout.plus(STOP_MARGIN);
        }
    }
}
