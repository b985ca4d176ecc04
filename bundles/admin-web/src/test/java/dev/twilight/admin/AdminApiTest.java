package dev.twilight.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionState;
import dev.twilight.shell.TestHost;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {

    @TempDir
    static Path state;
    private static AdminCredentials credentials;
    private static String password;
    private static String bearer;

    private final FailureLimiterTest.MovingClock clock = new FailureLimiterTest.MovingClock();
    private final TestServices host = new TestServices();
    private final AdminApi api = new AdminApi(host, new Authenticator(credentials, new FailureLimiter(clock)), clock);

    @BeforeAll
    static void createCredentials() throws Exception {
        List<String> announced = new ArrayList<>();
        credentials = new AdminCredentials(state, announced::add);
        password = announced.get(0);
        bearer = "Bearer " + new ObjectMapper().readTree(state.resolve(AdminCredentials.FILE_NAME).toFile())
                .get("token").asText();
    }

    private ApiResponse call(String method, String path, String authorization, String contentType, String body) {
        return api.handle(new ApiRequest(method, path, "127.0.0.1", authorization, contentType,
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
    }

    private ApiResponse call(String method, String path, String json) {
        return call(method, path, bearer, "application/json", json);
    }

    private ApiResponse get(String path) {
        return call("GET", path, bearer, null, "");
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(ApiResponse response, int status, String reason) {
        assertEquals(status, response.status(), response.body().toString());
        assertEquals(reason, response.body().get("error").asText(), response.body().toString());
        assertFalse(response.body().get("message").asText().isBlank());
        assertFalse(response.body().get("remedy").asText().isBlank());
    }

    @Test
    void aRequestWithoutCredentialsIsAskedForThem() {
        ApiResponse response = call("GET", "/sessions", null, null, "");
        assertError(response, 401, "authentication-required");
        assertEquals("Basic realm=\"Twilight\"", response.headers().get("WWW-Authenticate"));
        assertError(call("GET", "/no-such-thing", null, null, ""), 401, "authentication-required");
    }

    @Test
    void theAdminPasswordAndTheLocalTokenBothLetRequestsIn() {
        assertEquals(200, call("GET", "/sessions", basic("admin", password), null, "").status());
        assertEquals(200, get("/sessions").status());
        assertError(call("GET", "/sessions", basic("admin", "guess"), null, ""), 401, "bad-credentials");
        assertError(call("GET", "/sessions", basic("root", password), null, ""), 401, "bad-credentials");
        assertError(call("GET", "/sessions", "Bearer 1234", null, ""), 401, "bad-credentials");
        assertError(call("GET", "/sessions", "Basic !!!", null, ""), 401, "bad-credentials");
    }

    @Test
    void repeatedFailuresFromOneAddressAreRateLimitedButTheLocalTokenStillWorks() {
        for (int i = 0; i < FailureLimiter.MAX_FAILURES; i++) {
            assertEquals(401, call("GET", "/sessions", "Bearer wrong", null, "").status());
        }
        ApiResponse limited = call("GET", "/sessions", basic("admin", password), null, "");
        assertError(limited, 429, "too-many-failures");
        assertEquals("60", limited.headers().get("Retry-After"));
        assertEquals(200, get("/sessions").status());
    }

    @Test
    void aPinGoesToTheNewestPairingAttempt() {
        host.pairing.pending.add(new PendingPairing("AAAA", "192.168.1.7", TestHost.NOW.minusSeconds(5),
                TestHost.NOW.plusSeconds(55)));
        ApiResponse response = call("POST", "/pin", "{\"pin\":\"0123\",\"name\":\"Living-room TV\"}");
        assertEquals(200, response.status());
        assertTrue(response.body().get("accepted").asBoolean());
        assertEquals("PIN given to the client at 192.168.1.7", response.body().get("message").asText());
        call("POST", "/pin", "{\"pin\":\"4567\"}");
        assertEquals(List.of("0123 Living-room TV", "4567 Moonlight at 192.168.1.7"), host.pairing.submitted);
    }

    @Test
    void aPinNobodyWaitsForIsAConflict() {
        ApiResponse response = call("POST", "/pin", "{\"pin\":\"1234\"}");
        assertError(response, 409, "pin-not-accepted");
        assertEquals("no client is waiting for a PIN", response.body().get("message").asText());
    }

    @Test
    void malformedRequestsGetClearFourHundreds() {
        assertError(call("POST", "/pin", "{\"pin\":\"12345\"}"), 400, "bad-pin");
        assertError(call("POST", "/pin", "{\"pin\":1234}"), 400, "bad-field");
        assertError(call("POST", "/pin", "{\"name\":\"TV\"}"), 400, "missing-field");
        assertError(call("POST", "/pin", ""), 400, "missing-field");
        assertError(call("POST", "/pin", "{\"pin\":"), 400, "bad-json");
        assertError(call("POST", "/pin", "{\"pin\":\"1234\"} trailing"), 400, "bad-json");
        assertError(call("POST", "/pin", "[\"1234\"]"), 400, "bad-json");
        assertError(call("POST", "/pin", bearer, "application/x-www-form-urlencoded", "pin=1234"), 415, "not-json");
        assertError(call("POST", "/pin", "{\"pin\":\"" + "1".repeat(AdminApi.MAX_BODY_BYTES) + "\"}"), 413,
                "body-too-large");
        assertError(api.handle(new ApiRequest("POST", "/pin", "127.0.0.1", bearer, "application/json", () -> {
            throw new java.io.IOException("connection reset");
        })), 400, "unreadable-body");
        assertTrue(host.pairing.submitted.isEmpty());
    }

    @Test
    void unknownPathsAndMethodsAreNamed() {
        assertError(get("/nothing"), 404, "not-found");
        assertError(get(null), 404, "not-found");
        ApiResponse wrongMethod = call("DELETE", "/policy", "");
        assertError(wrongMethod, 405, "method-not-allowed");
        assertEquals("GET, PUT", wrongMethod.headers().get("Allow"));
    }

    @Test
    void pairingListsTheWaitingAttempts() {
        host.pairing.pending.add(new PendingPairing("AAAA", "192.168.1.7", TestHost.NOW.minusSeconds(5),
                TestHost.NOW.plusSeconds(55)));
        JsonNode attempt = get("/pairing").body().get("pending").get(0);
        assertEquals("192.168.1.7", attempt.get("address").asText());
        assertEquals("AAAA", attempt.get("uniqueId").asText());
        assertEquals(55, attempt.get("secondsLeft").asInt());
        assertEquals("2026-03-01T12:00:55Z", attempt.get("expires").asText());
    }

    @Test
    void clientsAreListedRenamedAndUnpaired() {
        host.clients.with("id-1", "TV").with("id-2", "Phone");
        JsonNode clients = get("/clients").body().get("clients");
        assertEquals(2, clients.size());
        assertEquals("id-1", clients.get(0).get("id").asText());
        assertEquals("ab12id-1", clients.get(0).get("fingerprint").asText());
        assertEquals("2026-03-01T11:55:00Z", clients.get(0).get("lastSeen").asText());

        ApiResponse renamed = call("POST", "/clients/id-2/name", "{\"name\":\" Tablet \"}");
        assertEquals(200, renamed.status());
        assertEquals("Tablet", renamed.body().get("name").asText());
        assertError(call("POST", "/clients/id-9/name", "{\"name\":\"x\"}"), 404, "unknown-client");
        assertError(call("POST", "/clients/id-2/name", "{\"name\":\" \"}"), 400, "bad-field");

        assertEquals(200, call("DELETE", "/clients/id-1", bearer, null, "").status());
        assertEquals(List.of("id-2"), List.copyOf(host.clients.clients.keySet()));
        assertError(call("DELETE", "/clients/id-1", bearer, null, ""), 404, "unknown-client");
    }

    @Test
    void sessionsShowStateClientAppSilenceAndHistory() {
        host.apps.with(7, "Steam", "steam");
        host.sessions.live.add(TestHost.session("s2", "Phone", 7, SessionState.STREAMING, 4,
                new SessionEvent(TestHost.NOW.minusSeconds(30), SessionState.PENDING_LAUNCH, "launch", "Phone",
                        "Phone asked for Steam"),
                new SessionEvent(TestHost.NOW.minusSeconds(29), SessionState.STREAMING, "rtsp-announce", "Phone",
                        "stream started")));
        host.sessions.ended.add(TestHost.session("s1", "TV", 99, SessionState.ENDED, 600));

        JsonNode body = get("/sessions").body();

        assertEquals("strict", body.get("policy").asText());
        JsonNode live = body.get("live").get(0);
        assertEquals("s2", live.get("id").asText());
        assertEquals("STREAMING", live.get("state").asText());
        assertEquals("Phone", live.get("client").get("name").asText());
        assertEquals("Steam", live.get("app").get("name").asText());
        assertEquals(1920, live.get("mode").get("width").asInt());
        assertEquals(4, live.get("secondsSinceLastHeard").asInt());
        assertEquals(2, live.get("history").size());
        assertEquals("rtsp-announce", live.get("history").get(1).get("what").asText());
        JsonNode ended = body.get("ended");
        assertEquals(1, ended.size());
        assertEquals("ENDED", ended.get(0).get("state").asText());
        assertTrue(ended.get(0).get("app").get("name").isNull(), "an app no longer offered has no name");
    }

    @Test
    void disconnectEndsOneLiveSession() {
        host.sessions.live.add(TestHost.session("s1", "TV", 7, SessionState.STREAMING, 3));
        assertEquals(200, call("POST", "/sessions/s1/disconnect", "{\"reason\":\"game night is over\"}").status());
        assertEquals(200, call("POST", "/sessions/s1/disconnect", "").status());
        assertEquals(List.of("s1: game night is over", "s1: disconnected by the admin"), host.sessions.disconnected);
        assertError(call("POST", "/sessions/s9/disconnect", "{}"), 404, "unknown-session");
    }

    @Test
    void policyShowsTheOneInForceAndTheInstalledOnes() {
        JsonNode body = get("/policy").body();
        assertEquals("strict", body.get("policy").asText());
        assertEquals("[\"lenient\",\"strict\"]", body.get("available").toString());
    }

    @Test
    void switchingThePolicyWritesTheSessionConfiguration() {
        ApiResponse response = call("PUT", "/policy", "{\"policy\":\"lenient\"}");
        assertEquals(200, response.status());
        assertEquals("lenient", host.configurations.stored.get(SessionManager.CONFIGURATION_PID)
                .get(SessionManager.POLICY));

        ApiResponse unknown = call("PUT", "/policy", "{\"policy\":\"loose\"}");
        assertError(unknown, 400, "unknown-policy");
        assertEquals("use one of: lenient, strict", unknown.body().get("remedy").asText());
    }

    @Test
    void appsListWhatTheHostOffersAndWhatRuns() {
        host.apps.with(1, "Desktop", "").with(7, "Steam", "steam -bigpicture");
        host.sessions.runningApp = 7;
        JsonNode body = get("/apps").body();
        assertEquals(7, body.get("running").asInt());
        assertEquals("Desktop", body.get("apps").get(0).get("name").asText());
        assertFalse(body.get("apps").get(0).get("running").asBoolean());
        assertTrue(body.get("apps").get(1).get("running").asBoolean());
        assertEquals("steam -bigpicture", body.get("apps").get(1).get("command").asText());
    }

    @Test
    void aMissingHostServiceIsAServiceUnavailable() {
        host.pairing = null;
        host.sessions = null;
        assertError(call("POST", "/pin", "{\"pin\":\"1234\"}"), 503, "host-service-missing");
        assertError(get("/sessions"), 503, "host-service-missing");
        assertError(call("PUT", "/policy", "{\"policy\":\"lenient\"}"), 503, "host-service-missing");
        assertEquals(200, get("/clients").status());
    }

    @Test
    void aFailingHostServiceBecomesAJsonError() {
        host.clients = new TestHost.Clients() {
            @Override
            public List<dev.twilight.api.pairing.PairedClient> list() {
                throw new IllegalStateException("store closed");
            }
        };
        ApiResponse response = get("/clients");
        assertError(response, 500, "internal-error");
        assertTrue(response.body().get("message").asText().contains("store closed"));
    }
}
