package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.media.Availability;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pipeline.AccessUnitListener;
import dev.twilight.api.pipeline.BackendInfo;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchOutcome;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.crypto.Certificates;
import dev.twilight.gamestream.crypto.Pem;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small in-test stand-ins for the host services the nvhttp and RTSP servers use. */
public final class TestHostServices {

    private TestHostServices() {
    }

    static NvHttpConfig config(int pairingTimeoutMillis, int failuresPerMinute) {
        return new NvHttpConfig() {
            @Override
            public Class<NvHttpConfig> annotationType() {
                return NvHttpConfig.class;
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public int https_port() {
                return -1;
            }

            @Override
            public String bind_address() {
                return "127.0.0.1";
            }

            @Override
            public String hostname() {
                return "Test Host";
            }

            @Override
            public int pairing_timeout_ms() {
                return pairingTimeoutMillis;
            }

            @Override
            public int pairing_failures_per_minute() {
                return failuresPerMinute;
            }

            @Override
            public String state_dir() {
                return "";
            }
        };
    }

    static final class MemoryPairedClients implements PairedClients {

        final Map<String, PairedClient> byId = new ConcurrentHashMap<>();
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public List<PairedClient> list() {
            return List.copyOf(byId.values());
        }

        @Override
        public Optional<PairedClient> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<PairedClient> byFingerprint(String fingerprint) {
            return byId.values().stream().filter(client -> client.fingerprint().equals(fingerprint)).findFirst();
        }

        @Override
        public PairedClient add(String name, String certificatePem) {
            String fingerprint;
            try {
                fingerprint = Certificates.fingerprint(Pem.decodeCertificate(certificatePem));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(e);
            }
            Optional<PairedClient> existing = byFingerprint(fingerprint);
            PairedClient client = new PairedClient(existing.map(PairedClient::id).orElse(UUID.randomUUID().toString()),
                    name, certificatePem, fingerprint, Instant.now(), Instant.now());
            byId.put(client.id(), client);
            return client;
        }

        @Override
        public boolean rename(String id, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(String id) {
            return byId.remove(id) != null;
        }

        @Override
        public void seen(String id) {
            seen.add(id);
        }
    }

    static final class ListedApps implements AppRegistry {

        final List<App> apps;

        ListedApps(App... apps) {
            this.apps = List.of(apps);
        }

        @Override
        public List<App> apps() {
            return apps;
        }

        @Override
        public Optional<App> find(int id) {
            return apps.stream().filter(app -> app.id() == id).findFirst();
        }
    }

    static App app(int id, String name, String imagePath) {
        return new App(id, name, "", "", Map.of(), List.of(), imagePath);
    }

    /**
     * Records what nvhttp asked; an app runs from launch until cancel unless told to stay. Accepted launches and
     * resumes are live sessions the streaming plane can claim and stop.
     */
    public static final class RecordingSessions implements SessionManager {

        record Call(String action, ClientRef client, LaunchParameters parameters) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private final List<TestSession> sessions = new CopyOnWriteArrayList<>();
        private final List<String> heard = new CopyOnWriteArrayList<>();
        private final Map<String, String> stopReasons = new ConcurrentHashMap<>();
        volatile int currentApp;
        volatile Refusal refusal;
        volatile boolean appSurvivesCancel;

        @Override
        public LaunchOutcome launch(ClientRef client, LaunchParameters parameters) {
            calls.add(new Call("launch", client, parameters));
            if (refusal != null) {
                return LaunchOutcome.refused(refusal);
            }
            currentApp = parameters.appId();
            return LaunchOutcome.accepted(session(client, parameters));
        }

        @Override
        public LaunchOutcome resume(ClientRef client, LaunchParameters parameters) {
            calls.add(new Call("resume", client, parameters));
            return refusal != null ? LaunchOutcome.refused(refusal) : LaunchOutcome.accepted(session(client, parameters));
        }

        @Override
        public Optional<Refusal> cancel(ClientRef client) {
            calls.add(new Call("cancel", client, null));
            if (refusal != null) {
                return Optional.of(refusal);
            }
            if (!appSurvivesCancel) {
                currentApp = 0;
            }
            return Optional.empty();
        }

        @Override
        public int currentAppId() {
            return currentApp;
        }

        @Override
        public List<StreamSession> liveSessions() {
            return sessions.stream().filter(session -> session.state().isLive()).map(StreamSession.class::cast)
                    .toList();
        }

        @Override
        public List<StreamSession> recentSessions() {
            return List.of();
        }

        @Override
        public Optional<StreamSession> find(String sessionId) {
            return sessions.stream().filter(session -> session.id().equals(sessionId))
                    .map(StreamSession.class::cast).findFirst();
        }

        @Override
        public boolean forceDisconnect(String sessionId, String reason) {
            return false;
        }

        @Override
        public String policyName() {
            return "test";
        }

        @Override
        public Optional<StreamSession> claimPendingLaunch(String clientId) {
            for (TestSession session : sessions) {
                if (session.client().id().equals(clientId) && session.advance(SessionState.PENDING_LAUNCH,
                        SessionState.STREAMING)) {
                    return Optional.of(session);
                }
            }
            return Optional.empty();
        }

        @Override
        public void heard(String sessionId) {
            heard.add(sessionId);
        }

        @Override
        public void streamStopped(String sessionId, String reason) {
            stopReasons.putIfAbsent(sessionId, reason);
            sessions.stream().filter(session -> session.id().equals(sessionId)).forEach(TestSession::end);
        }

        /** How often the streaming plane reported the session's client heard from. */
        public long heardCount(String sessionId) {
            return heard.stream().filter(sessionId::equals).count();
        }

        /** Why the streaming plane first stopped the session, if it did. */
        public Optional<String> stopReason(String sessionId) {
            return Optional.ofNullable(stopReasons.get(sessionId));
        }

        private StreamSession session(ClientRef client, LaunchParameters parameters) {
            TestSession session = new TestSession("session-" + (sessions.size() + 1), client, parameters);
            sessions.add(session);
            return session;
        }
    }

    /** A session whose state moves as the recording session manager is told. */
    public static final class TestSession implements StreamSession {

        private final String id;
        private final ClientRef client;
        private final LaunchParameters parameters;
        private volatile SessionState state = SessionState.PENDING_LAUNCH;

        TestSession(String id, ClientRef client, LaunchParameters parameters) {
            this.id = id;
            this.client = client;
            this.parameters = parameters;
        }

        synchronized boolean advance(SessionState from, SessionState to) {
            if (state != from) {
                return false;
            }
            state = to;
            return true;
        }

        synchronized void end() {
            state = SessionState.ENDED;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ClientRef client() {
            return client;
        }

        @Override
        public int appId() {
            return parameters.appId();
        }

        @Override
        public LaunchParameters parameters() {
            return parameters;
        }

        @Override
        public SessionState state() {
            return state;
        }

        @Override
        public Instant lastHeard() {
            return Instant.now();
        }

        @Override
        public List<SessionEvent> history() {
            return List.of();
        }
    }

    /** A pipeline that only lists encoders. */
    public static final class EncoderList implements VideoPipeline {

        final List<BackendInfo> encoders = new ArrayList<>();

        public EncoderList encoder(String capabilities, boolean available) {
            encoders.add(new BackendInfo("e" + encoders.size(), "test encoder", "SOFTWARE", capabilities,
                    available ? Availability.available("here") : Availability.unavailable("absent", "install it"),
                    encoders.size()));
            return this;
        }

        @Override
        public VideoStream open(StreamConfiguration requested, AccessUnitListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<VideoStream> streams() {
            return List.of();
        }

        @Override
        public List<BackendInfo> encoders() {
            return List.copyOf(encoders);
        }

        @Override
        public List<BackendInfo> captureSources() {
            return List.of();
        }
    }
}
