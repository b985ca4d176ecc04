package dev.twilight.host.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchOutcome;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionListener;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSessionManagerTest {

    private static final ClientRef ALICE = new ClientRef("alice-id", "Alice", "0123456789ABCDEF", "10.0.0.2");
    private static final ClientRef BOB = new ClientRef("bob-id", "Bob", "0123456789ABCDEF", "10.0.0.3");
    private static final int DESKTOP = 1;
    private static final int GAME = 2;
    private static final int PING_MS = 300;

    @TempDir
    Path temp;

    private final List<App> apps = new CopyOnWriteArrayList<>();
    private final Recorder recorder = new Recorder();
    private HostSessionManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.deactivate();
        }
    }

    private HostSessionManager manager(String policy, int pingMillis, int stopMillis, int history) {
        apps.add(new App(DESKTOP, "Desktop", "", "", Map.of(), List.of(), ""));
        AppRegistry registry = new AppRegistry() {
            @Override
            public List<App> apps() {
                return List.copyOf(apps);
            }

            @Override
            public Optional<App> find(int id) {
                return apps.stream().filter(app -> app.id() == id).findFirst();
            }
        };
        manager = new HostSessionManager(registry, config(policy, pingMillis, stopMillis, history));
        manager.addPolicy(new TestPolicies.Strict());
        manager.addPolicy(new TestPolicies.Lenient());
        manager.addListener(recorder);
        return manager;
    }

    private HostSessionManager manager(String policy) {
        return manager(policy, PING_MS, 1000, 50);
    }

    private void game(String command, App.PrepCommand... prepare) {
        apps.add(new App(GAME, "Game", command, temp.toString(), Map.of("GAME_MODE", "test"), List.of(prepare), ""));
    }

    static SessionsConfig config(String policy, int pingMillis, int stopMillis, int history) {
        return new SessionsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SessionsConfig.class;
            }

            @Override
            public String policy() {
                return policy;
            }

            @Override
            public int ping_timeout_ms() {
                return pingMillis;
            }

            @Override
            public int app_stop_timeout_ms() {
                return stopMillis;
            }

            @Override
            public int history_size() {
                return history;
            }
        };
    }

    private static LaunchParameters parameters(int appId) {
        return new LaunchParameters(appId, 1920, 1080, 60, new byte[16], 7, false, 0x3F0006, true, 1, true, 3);
    }

    private StreamSession launch(ClientRef client, int appId) {
        LaunchOutcome outcome = manager.launch(client, parameters(appId));
        assertTrue(outcome.isAccepted(), () -> "refused: " + outcome.refusal());
        return outcome.session();
    }

    private StreamSession resume(ClientRef client) {
        LaunchOutcome outcome = manager.resume(client, parameters(0));
        assertTrue(outcome.isAccepted(), () -> "refused: " + outcome.refusal());
        return outcome.session();
    }

    private StreamSession launchAndClaim(ClientRef client, int appId) {
        StreamSession session = launch(client, appId);
        assertSame(session, manager.claimPendingLaunch(client.id()).orElseThrow());
        return session;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 5 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static void awaitEnded(StreamSession session) {
        await(() -> session.state() == SessionState.ENDED, session + " to end");
    }

    private static SessionEvent last(StreamSession session) {
        List<SessionEvent> history = session.history();
        return history.get(history.size() - 1);
    }

    private static void assertRefused(int status, String reason, Optional<Refusal> refusal) {
        assertTrue(refusal.isPresent(), "expected a refusal " + reason);
        assertEquals(status, refusal.get().status(), refusal.get().toString());
        assertEquals(reason, refusal.get().reasonCode(), refusal.get().toString());
    }

    private static void assertRefused(int status, String reason, LaunchOutcome outcome) {
        assertRefused(status, reason, Optional.ofNullable(outcome.refusal()));
    }

    @Test
    void aSessionGoesForwardThroughItsStatesAndRecordsEachStep() {
        manager("lenient");
        StreamSession session = launch(ALICE, DESKTOP);
        assertEquals(SessionState.PENDING_LAUNCH, session.state());
        assertTrue(manager.claimPendingLaunch(BOB.id()).isEmpty(), "Bob has nothing pending");
        assertSame(session, manager.claimPendingLaunch(ALICE.id()).orElseThrow());
        assertEquals(SessionState.STREAMING, session.state());
        assertTrue(manager.claimPendingLaunch(ALICE.id()).isEmpty(), "claimed once only");

        manager.streamStopped(session.id(), "the user closed the stream");
        awaitEnded(session);

        assertEquals(List.of("PENDING_LAUNCH launch Alice", "STREAMING rtsp-claimed Alice",
                        "STOPPING client-disconnected Alice", "ENDED client-disconnected Alice"),
                session.history().stream().map(e -> e.state() + " " + e.what() + " " + e.who()).toList());
        assertEquals("the user closed the stream", session.history().get(2).why());
        await(() -> recorder.of(session).size() == 4, "listeners to hear all four events");
        assertEquals(session.history(), recorder.of(session));
        assertTrue(manager.liveSessions().isEmpty());
        assertEquals(List.of(session), manager.recentSessions());
        assertSame(session, manager.find(session.id()).orElseThrow());
        assertEquals(DESKTOP, manager.currentAppId(), "the app keeps running when a stream ends");

        manager.heard(session.id());
        manager.streamStopped(session.id(), "again");
        assertFalse(manager.forceDisconnect(session.id(), "again"));
        assertEquals(4, session.history().size(), "an ended session stays ended");
    }

    @Test
    void listenersAreToldOffTheCallersThreadWithoutTheLockAndTheirFailuresAreContained() {
        manager("lenient");
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Boolean> lockFree = new CopyOnWriteArrayList<>();
        manager.addListener((session, event) -> {
            throw new IllegalStateException("a broken listener");
        });
        manager.addListener((session, event) -> {
            threads.add(Thread.currentThread().getName());
            // another thread needs the session table: it must not be held while listeners run
            lockFree.add(CompletableFuture.supplyAsync(manager::liveSessions)
                    .completeOnTimeout(null, 2, TimeUnit.SECONDS).join() != null);
        });
        StreamSession session = launchAndClaim(ALICE, DESKTOP);
        manager.forceDisconnect(session.id(), "test");
        awaitEnded(session);
        await(() -> threads.size() == 4, "four events");

        assertFalse(threads.contains(Thread.currentThread().getName()));
        assertEquals(List.of(true, true, true, true), lockFree);
        assertEquals(4, recorder.of(session).size(), "the broken listener did not stop the others");
    }

    @Test
    void pendingLaunchesAreKeptPerClientAndANewerOneReplacesTheOlder() {
        manager("lenient");
        StreamSession alice1 = launch(ALICE, DESKTOP);
        StreamSession bob = resume(BOB);
        StreamSession alice2 = resume(ALICE);

        awaitEnded(alice1);
        assertEquals("replaced", last(alice1).what());
        assertEquals(SessionState.PENDING_LAUNCH, bob.state(), "another client's pending launch is left alone");
        assertEquals(List.of(bob, alice2), manager.liveSessions());

        assertSame(bob, manager.claimPendingLaunch(BOB.id()).orElseThrow());
        assertSame(alice2, manager.claimPendingLaunch(ALICE.id()).orElseThrow());
        assertNotEquals(alice2.id(), bob.id());
    }

    @Test
    void theSweeperEndsUnclaimedLaunchesAndSilentStreamsButNotTheApp() throws InterruptedException {
        manager("lenient");
        StreamSession unclaimed = launch(ALICE, DESKTOP);
        awaitEnded(unclaimed);
        assertEquals("pending-timeout", last(unclaimed).what());
        assertEquals("host", last(unclaimed).who());

        StreamSession pinging = resume(BOB);
        manager.claimPendingLaunch(BOB.id());
        for (int i = 0; i < 15; i++) {
            Thread.sleep(50);
            manager.heard(pinging.id());
        }
        assertEquals(SessionState.STREAMING, pinging.state(), "pings keep a stream alive past the ping timeout");
        awaitEnded(pinging);
        assertEquals("ping-timeout", last(pinging).what());
        assertEquals(DESKTOP, manager.currentAppId(), "timeouts never stop the app");
    }

    @Test
    void strictRefusesToQuitWhileAStaleStreamLivesUntilThePingTimeoutEndsIt() {
        manager("strict");
        game("sleep 30");
        StreamSession session = launchAndClaim(ALICE, GAME);

        Optional<Refusal> refused = manager.cancel(ALICE);
        assertRefused(503, "sessions-live", refused);
        assertTrue(refused.get().message().startsWith("All sessions must be disconnected before quitting"));
        assertEquals(GAME, manager.currentAppId());
        assertEquals(SessionState.STREAMING, session.state(), "a refused quit changes nothing");

        awaitEnded(session);
        assertEquals("ping-timeout", last(session).what());
        assertEquals(Optional.empty(), manager.cancel(ALICE));
        assertEquals(0, manager.currentAppId());
    }

    @Test
    void lenientQuitsAtOnceEndingTheStaleStreamFirst() {
        manager("lenient");
        game("sleep 30");
        StreamSession session = launchAndClaim(ALICE, GAME);

        assertEquals(Optional.empty(), manager.cancel(ALICE));
        assertEquals(0, manager.currentAppId());
        assertEquals(SessionState.ENDED, session.state(), "listeners heard of it before the app was stopped");
        assertEquals("app-quit", last(session).what());
        assertEquals("Alice", last(session).who());
    }

    @Test
    void switchingFromStrictToLenientLetsTheNextQuitSucceedWithoutDroppingStreams() {
        manager("strict", 5000, 1000, 50);
        game("sleep 30");
        StreamSession session = launchAndClaim(ALICE, GAME);
        assertRefused(503, "sessions-live", manager.cancel(ALICE));

        manager.modified(config("lenient", 5000, 1000, 50));
        assertEquals("lenient", manager.policyName());
        assertEquals(SessionState.STREAMING, session.state(), "the switch keeps live streams");
        assertEquals(Optional.empty(), manager.cancel(ALICE));
        assertEquals(0, manager.currentAppId());
        assertEquals(SessionState.ENDED, session.state());
    }

    @Test
    void aSecondClientUnderStrictIsRefusedButTheFirstClientMayComeBack() {
        manager("strict", 5000, 1000, 50);
        game("sleep 30");
        StreamSession alice = launchAndClaim(ALICE, GAME);

        assertRefused(503, "stream-live", manager.launch(BOB, parameters(GAME)));
        assertRefused(503, "stream-live", manager.resume(BOB, parameters(0)));
        assertEquals(List.of(alice), manager.liveSessions());

        StreamSession again = resume(ALICE);
        awaitEnded(alice);
        assertEquals("ended-by-policy", last(alice).what());
        assertEquals(List.of(again), manager.liveSessions());
    }

    @Test
    void aSecondClientUnderLenientWatchesTheSameApp() {
        manager("lenient", 5000, 1000, 50);
        game("sleep 30");
        StreamSession alice = launchAndClaim(ALICE, GAME);
        StreamSession bob = launchAndClaim(BOB, GAME);

        assertEquals(GAME, bob.appId());
        assertEquals("resume", bob.history().get(0).what(), "a launch of the running app is a resume");
        assertEquals(List.of(alice, bob), manager.liveSessions());
        assertEquals(List.of(bob, alice), manager.recentSessions());
        assertRefused(400, "app-running", manager.launch(BOB, parameters(DESKTOP)));
    }

    @Test
    void requestsThatCannotBeMetAreRefusedWithAReasonAndARemedy() {
        manager("lenient");
        assertRefused(503, "no-app", manager.resume(ALICE, parameters(0)));
        assertRefused(404, "unknown-app", manager.launch(ALICE, parameters(99)));
        assertEquals(Optional.empty(), manager.cancel(ALICE), "quitting when nothing runs succeeds");

        manager.modified(config("fair", PING_MS, 1000, 50));
        LaunchOutcome outcome = manager.launch(ALICE, parameters(DESKTOP));
        assertRefused(503, "policy-unavailable", outcome);
        assertEquals("start the policy-fair bundle or set policy to one of lenient, strict",
                outcome.refusal().remedy());
        assertRefused(503, "policy-unavailable", manager.cancel(ALICE));
        assertEquals(0, manager.currentAppId());
        assertTrue(manager.liveSessions().isEmpty());
    }

    @Test
    void anAdminCanDisconnectOneSessionWhateverThePolicy() {
        manager("strict", 5000, 1000, 50);
        StreamSession session = launchAndClaim(ALICE, DESKTOP);

        assertTrue(manager.forceDisconnect(session.id(), "kicked by the admin"));
        assertEquals(SessionState.ENDED, session.state(), "ended when the call returns");
        assertTrue(manager.liveSessions().isEmpty());
        SessionEvent stopping = session.history().get(2);
        assertEquals(SessionState.STOPPING, stopping.state());
        assertEquals("force-disconnect", stopping.what());
        assertEquals("admin", stopping.who());
        assertEquals("kicked by the admin", stopping.why());
        assertFalse(manager.forceDisconnect("no-such-session", "x"));
        assertEquals(DESKTOP, manager.currentAppId());
    }

    @Test
    void anAppThatExitsByItselfEndsItsSessionsAndIsUndone() throws IOException {
        manager("lenient");
        Files.writeString(temp.resolve("go"), "");
        game("while [ -e go ]; do sleep 0.05; done; exit 3", new App.PrepCommand("touch prepared", "rm prepared"));
        StreamSession alice = launchAndClaim(ALICE, GAME);
        StreamSession bob = resume(BOB);
        assertTrue(Files.exists(temp.resolve("prepared")));

        Files.delete(temp.resolve("go"));
        awaitEnded(alice);
        awaitEnded(bob);
        assertEquals("app-exited", last(alice).what());
        assertTrue(last(alice).why().contains("code 3"), last(alice).why());
        assertEquals(0, manager.currentAppId());
        await(() -> !Files.exists(temp.resolve("prepared")), "the undo command");
        assertRefused(503, "no-app", manager.resume(ALICE, parameters(0)));
    }

    @Test
    void quittingKillsTheWholeProcessTreeEvenWhenItIgnoresTerminate() throws IOException {
        manager("lenient", PING_MS, 300, 50);
        game("trap '' TERM; sleep 300 & echo $! > child.pid; echo $$ > parent.pid; wait");
        launchAndClaim(ALICE, GAME);
        await(() -> pid("parent.pid") > 0 && pid("child.pid") > 0, "the app to write its pids");
        long parent = pid("parent.pid");
        long child = pid("child.pid");

        assertEquals(Optional.empty(), manager.cancel(ALICE));
        assertEquals(0, manager.currentAppId());
        await(() -> !alive(parent) && !alive(child), "the process tree to be gone");
    }

    @Test
    void aFailingPrepCommandRefusesTheLaunchAndUndoesTheStepsBefore() {
        manager("lenient");
        game("sleep 30", new App.PrepCommand("touch step1", "rm step1"), new App.PrepCommand("exit 7", "touch never"));

        LaunchOutcome outcome = manager.launch(ALICE, parameters(GAME));
        assertRefused(500, "app-start-failed", outcome);
        assertTrue(outcome.refusal().message().contains("'exit 7'"), outcome.refusal().message());
        assertTrue(outcome.refusal().message().contains("code 7"), outcome.refusal().message());
        assertFalse(Files.exists(temp.resolve("step1")));
        assertFalse(Files.exists(temp.resolve("never")));
        assertEquals(0, manager.currentAppId());
        assertTrue(manager.liveSessions().isEmpty());
    }

    @Test
    void theAppGetsItsEnvironmentAndTheLaunchVariables() {
        manager("lenient");
        game("env > env.txt; echo done >> env.txt; sleep 30");
        launch(ALICE, GAME);
        Path env = temp.resolve("env.txt");
        await(() -> read(env).contains("done"), "the app to write its environment");

        List<String> lines = List.of(read(env).split("\n"));
        for (String expected : List.of("GAME_MODE=test", "SUNSHINE_APP_ID=2", "SUNSHINE_APP_NAME=Game",
                "SUNSHINE_CLIENT_WIDTH=1920", "SUNSHINE_CLIENT_HEIGHT=1080", "SUNSHINE_CLIENT_FPS=60",
                "SUNSHINE_CLIENT_HDR=true", "SUNSHINE_CLIENT_GCMAP=3", "SUNSHINE_CLIENT_HOST_AUDIO=false",
                "SUNSHINE_CLIENT_ENABLE_SOPS=true", "SUNSHINE_CLIENT_AUDIO_CONFIGURATION=5.1")) {
            assertTrue(lines.contains(expected), expected + " in " + lines);
        }
        assertEquals("2.0", RunningApp.audioConfiguration(0x30002));
        assertEquals("7.1", RunningApp.audioConfiguration(0x63F0008));
    }

    @Test
    void aQuitWhoseTeardownHangsStillAnswersWithinItsBound() {
        manager("lenient", PING_MS, 300, 50);
        List<App.PrepCommand> slowUndo = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            slowUndo.add(new App.PrepCommand("true", "sleep 5"));
        }
        game("sleep 30", slowUndo.toArray(App.PrepCommand[]::new));
        launch(ALICE, GAME);

        long start = System.nanoTime();
        assertEquals(Optional.empty(), manager.cancel(ALICE));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, manager.currentAppId());
        assertTrue(millis < 6000, "cancel took " + millis + " ms");
    }

    @Test
    void historyKeepsTheConfiguredNumberOfEndedSessionsNewestFirst() {
        manager("lenient", PING_MS, 1000, 2);
        List<StreamSession> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StreamSession session = launchAndClaim(ALICE, DESKTOP);
            manager.streamStopped(session.id(), "done");
            awaitEnded(session);
            sessions.add(session);
        }
        StreamSession live = launch(BOB, DESKTOP);

        assertEquals(List.of(live, sessions.get(2), sessions.get(1)), manager.recentSessions());
        assertTrue(manager.find(sessions.get(0).id()).isEmpty());
    }

    @Test
    void deactivationEndsEverySessionAndStopsTheApp() {
        manager("lenient");
        game("echo $$ > app.pid; exec sleep 30");
        StreamSession session = launchAndClaim(ALICE, GAME);
        await(() -> pid("app.pid") > 0, "the app to write its pid");

        manager.deactivate();
        assertEquals(SessionState.ENDED, session.state());
        assertEquals("shutdown", last(session).what());
        assertEquals("host", last(session).who());
        assertEquals(0, manager.currentAppId());
        await(() -> !alive(pid("app.pid")), "the app to be gone");
        assertRefused(503, "shutting-down", manager.launch(ALICE, parameters(GAME)));
        manager = null;
    }

    private long pid(String file) {
        String text = read(temp.resolve(file)).strip();
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(process -> !RunningApp.gone(process)).orElse(false);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every event the manager told, per session. */
    static final class Recorder implements SessionListener {
        private final List<Map.Entry<String, SessionEvent>> events = new CopyOnWriteArrayList<>();

        @Override
        public void sessionEvent(StreamSession session, SessionEvent event) {
            events.add(Map.entry(session.id(), event));
        }

        List<SessionEvent> of(StreamSession session) {
            return events.stream().filter(entry -> entry.getKey().equals(session.id())).map(Map.Entry::getValue)
                    .collect(Collectors.toList());
        }
    }
}
