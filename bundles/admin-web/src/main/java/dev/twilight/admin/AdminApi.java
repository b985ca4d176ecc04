package dev.twilight.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.pairing.PinOutcome;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.StreamSession;
import dev.twilight.shell.admin.PinEntry;
import dev.twilight.shell.admin.PolicySwitch;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API without the servlet container: authenticates a request, routes it to the host service,
 * and answers JSON. Every failure becomes a JSON error ({@code error}, {@code message}, {@code remedy}) with a
 * fitting status; nothing is thrown.
 *
 * <pre>
 * POST   /pin                      {"pin":"1234","name":"Living-room TV"}   PIN for the newest pairing attempt
 * GET    /pairing                                                          attempts waiting for a PIN
 * GET    /clients                                                          paired clients
 * POST   /clients/{id}/name        {"name":"..."}                          rename one
 * DELETE /clients/{id}                                                     unpair one
 * GET    /sessions                                                         live and recently ended sessions
 * POST   /sessions/{id}/disconnect {"reason":"..."}                        end one now
 * GET    /policy                                                           policy in force and the installed ones
 * PUT    /policy                   {"policy":"lenient"}                    switch it
 * GET    /apps                                                             the apps offered
 * </pre>
 */
final class AdminApi {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String HOST_REMEDY = "the host bundles provide it; in the host shell, 'scr:list' shows "
            + "which component waits and 'lb' which bundle is not active";
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private final HostServices host;
    private final Authenticator authenticator;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    AdminApi(HostServices host, Authenticator authenticator, Clock clock) {
        this.host = host;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    ApiResponse handle(ApiRequest request) {
        try {
            authenticator.check(request.remoteAddress(), request.authorization());
            return new ApiResponse(200, Map.of(), route(request));
        } catch (ApiError e) {
            return error(e);
        } catch (RuntimeException e) {
            LOG.error("admin API: {} {} failed", request.method(), request.path(), e);
            return error(new ApiError(500, "internal-error", "the host failed to answer: " + e,
                    "see the host log for the stack trace; try again once the host's bundles are all active"));
        }
    }

    private JsonNode route(ApiRequest request) throws ApiError {
        List<String> path = segments(request.path());
        String method = request.method();
        if (path.equals(List.of("pin"))) {
            allow(method, "POST");
            return pin(body(request));
        }
        if (path.equals(List.of("pairing"))) {
            allow(method, "GET");
            return pairing();
        }
        if (path.equals(List.of("clients"))) {
            allow(method, "GET");
            return clients();
        }
        if (path.size() == 3 && path.get(0).equals("clients") && path.get(2).equals("name")) {
            allow(method, "POST");
            return rename(path.get(1), body(request));
        }
        if (path.size() == 2 && path.get(0).equals("clients")) {
            allow(method, "DELETE");
            return unpair(path.get(1));
        }
        if (path.equals(List.of("sessions"))) {
            allow(method, "GET");
            return sessions();
        }
        if (path.size() == 3 && path.get(0).equals("sessions") && path.get(2).equals("disconnect")) {
            allow(method, "POST");
            return disconnect(path.get(1), body(request));
        }
        if (path.equals(List.of("policy"))) {
            allow(method, "GET", "PUT");
            return method.equals("GET") ? policy() : switchPolicy(body(request));
        }
        if (path.equals(List.of("apps"))) {
            allow(method, "GET");
            return apps();
        }
        throw new ApiError(404, "not-found", "there is nothing at " + AdminApiServlet.BASE_PATH
                + Objects.requireNonNullElse(request.path(), ""),
                "use /api/pin, /api/pairing, /api/clients, /api/sessions, /api/policy or /api/apps");
    }

    private JsonNode pin(ObjectNode body) throws ApiError {
        String pin = text(body, "pin", true);
        String name = text(body, "name", false);
        Optional<ApiError> bad = PinEntry.check(pin).map(ApiError::of);
        if (bad.isPresent()) {
            throw bad.get();
        }
        PinOutcome outcome = PinEntry.submit(require(host.pairing(), "pairing service"), pin, name);
        if (!outcome.accepted()) {
            throw new ApiError(409, "pin-not-accepted", outcome.message(),
                    "start pairing on the client, then send the PIN it shows while it waits (GET /api/pairing "
                            + "lists the waiting attempts)");
        }
        return object().put("accepted", true).put("message", outcome.message());
    }

    private JsonNode pairing() throws ApiError {
        Instant now = clock.instant();
        ArrayNode pending = mapper.createArrayNode();
        for (PendingPairing attempt : require(host.pairing(), "pairing service").pending()) {
            pending.addObject().put("uniqueId", attempt.uniqueId()).put("address", attempt.address())
                    .put("started", attempt.started().toString()).put("expires", attempt.expires().toString())
                    .put("secondsLeft", Math.max(0, Duration.between(now, attempt.expires()).toSeconds()));
        }
        return object().set("pending", pending);
    }

    private JsonNode clients() throws ApiError {
        ArrayNode clients = mapper.createArrayNode();
        require(host.pairedClients(), "list of paired clients").list().forEach(client -> clients.add(client(client)));
        return object().set("clients", clients);
    }

    private JsonNode rename(String id, ObjectNode body) throws ApiError {
        String name = text(body, "name", true).strip();
        if (name.isEmpty()) {
            throw new ApiError(400, "bad-field", "\"name\" is empty", "send the new name, e.g. {\"name\":\"TV\"}");
        }
        PairedClients clients = require(host.pairedClients(), "list of paired clients");
        if (!clients.rename(id, name)) {
            throw unknownClient(id);
        }
        return clients.find(id).<JsonNode>map(this::client).orElseThrow(() -> unknownClient(id));
    }

    private JsonNode unpair(String id) throws ApiError {
        PairedClients clients = require(host.pairedClients(), "list of paired clients");
        Optional<PairedClient> client = clients.find(id);
        if (client.isEmpty() || !clients.remove(id)) {
            throw unknownClient(id);
        }
        return object().put("removed", id).put("message", "client '" + client.get().name() + "' is unpaired: its "
                + "next request is refused; a stream it runs now goes on until it ends");
    }

    private JsonNode sessions() throws ApiError {
        SessionManager manager = require(host.sessionManager(), "session manager");
        Instant now = clock.instant();
        ArrayNode live = mapper.createArrayNode();
        manager.liveSessions().forEach(session -> live.add(session(session, now)));
        ArrayNode ended = mapper.createArrayNode();
        manager.recentSessions().stream().filter(session -> !session.state().isLive())
                .forEach(session -> ended.add(session(session, now)));
        ObjectNode answer = object().put("policy", manager.policyName());
        answer.set("live", live);
        answer.set("ended", ended);
        return answer;
    }

    private JsonNode disconnect(String id, ObjectNode body) throws ApiError {
        String reason = Optional.ofNullable(text(body, "reason", false)).filter(r -> !r.isBlank())
                .orElse("disconnected by the admin");
        if (!require(host.sessionManager(), "session manager").forceDisconnect(id, reason)) {
            throw new ApiError(404, "unknown-session", "no live session has id '" + id + "'",
                    "GET /api/sessions lists the live sessions");
        }
        return object().put("disconnected", id).put("reason", reason);
    }

    private JsonNode policy() throws ApiError {
        ObjectNode answer = object().put("policy", require(host.sessionManager(), "session manager").policyName());
        ArrayNode available = answer.putArray("available");
        PolicySwitch.available(host.policies()).forEach(available::add);
        return answer;
    }

    private JsonNode switchPolicy(ObjectNode body) throws ApiError {
        String name = text(body, "policy", true);
        require(host.sessionManager(), "session manager");
        try {
            Optional<ApiError> refused = PolicySwitch.switchTo(host.configurationAdmin(), host.policies(), name)
                    .map(ApiError::of);
            if (refused.isPresent()) {
                throw refused.get();
            }
        } catch (IOException e) {
            throw new ApiError(500, "configuration-not-written", "could not write the policy to the "
                    + SessionManager.CONFIGURATION_PID + " configuration: " + e.getMessage(),
                    "check that the host's config folder is writable; the host log has details");
        }
        return object().put("policy", name).put("message",
                "session policy " + name + " applies from the next request; live sessions keep running");
    }

    private JsonNode apps() throws ApiError {
        AppRegistry registry = require(host.appRegistry(), "app registry");
        int running = host.sessionManager().map(SessionManager::currentAppId).orElse(0);
        ArrayNode apps = mapper.createArrayNode();
        for (App app : registry.apps()) {
            ObjectNode node = apps.addObject().put("id", app.id()).put("name", app.name())
                    .put("command", app.command()).put("workingDirectory", app.workingDirectory())
                    .put("imagePath", app.imagePath()).put("running", app.id() == running);
            ObjectNode environment = node.putObject("environment");
            app.environment().forEach(environment::put);
            ArrayNode prepare = node.putArray("prepare");
            app.prepare().forEach(step -> prepare.addObject().put("run", step.run()).put("undo", step.undo()));
        }
        return object().put("running", running).set("apps", apps);
    }

    private ObjectNode client(PairedClient client) {
        return object().put("id", client.id()).put("name", client.name()).put("fingerprint", client.fingerprint())
                .put("firstSeen", client.firstSeen().toString()).put("lastSeen", client.lastSeen().toString());
    }

    private ObjectNode session(StreamSession session, Instant now) {
        ObjectNode node = object().put("id", session.id()).put("state", session.state().name())
                .put("live", session.state().isLive());
        node.putObject("client").put("id", session.client().id()).put("name", session.client().name())
                .put("address", session.client().address());
        Optional<App> app = host.appRegistry().flatMap(registry -> registry.find(session.appId()));
        node.putObject("app").put("id", session.appId()).put("name", app.map(App::name).orElse(null));
        LaunchParameters mode = session.parameters();
        node.putObject("mode").put("width", mode.width()).put("height", mode.height()).put("fps", mode.fps())
                .put("hdr", mode.hdr());
        node.put("lastHeard", session.lastHeard().toString())
                .put("secondsSinceLastHeard", Math.max(0, Duration.between(session.lastHeard(), now).toSeconds()));
        ArrayNode history = node.putArray("history");
        for (SessionEvent event : session.history()) {
            history.addObject().put("at", event.at().toString()).put("state", event.state().name())
                    .put("what", event.what()).put("who", event.who()).put("why", event.why());
        }
        return node;
    }

    private ObjectNode object() {
        return mapper.createObjectNode();
    }

    /**
     * The JSON object the request carries. The body must be declared JSON: HTML forms of other sites cannot send
     * that without a CORS preflight, so they cannot act with a browser's saved admin login.
     */
    private ObjectNode body(ApiRequest request) throws ApiError {
        String type = request.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new ApiError(415, "not-json", "the request body must be JSON, declared as such",
                    "send the header 'Content-Type: application/json'");
        }
        byte[] bytes;
        try (InputStream in = request.body().open()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new ApiError(400, "unreadable-body", "the request body could not be read: " + e.getMessage(),
                    "send the request again");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiError(413, "body-too-large", "the request body is over " + MAX_BODY_BYTES + " bytes",
                    "send only the fields the endpoint takes");
        }
        if (bytes.length == 0) {
            return object();
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "bad-json", "the request body is not valid JSON: " + e.getOriginalMessage(),
                    "send one JSON object, e.g. {\"pin\":\"1234\"}");
        } catch (IOException e) {
            throw new ApiError(400, "unreadable-body", "the request body could not be read: " + e.getMessage(),
                    "send the request again");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiError(400, "bad-json", "the request body must be a JSON object, not " + node.getNodeType()
                    .name().toLowerCase(Locale.ROOT), "send one JSON object, e.g. {\"pin\":\"1234\"}");
        }
        return object;
    }

    /** A string field; null when optional and absent. */
    private static String text(ObjectNode body, String field, boolean required) throws ApiError {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ApiError(400, "missing-field", "the request body has no \"" + field + "\"",
                        "send it as a JSON string, e.g. {\"" + field + "\":\"...\"}");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiError(400, "bad-field", "\"" + field + "\" must be a JSON string, not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT),
                    "quote the value, e.g. {\"" + field + "\":\"...\"}");
        }
        return value.textValue();
    }

    private static <T> T require(Optional<T> service, String what) throws ApiError {
        return service.orElseThrow(() -> new ApiError(503, "host-service-missing",
                "the host's " + what + " is not running", HOST_REMEDY));
    }

    private static void allow(String method, String... allowed) throws ApiError {
        if (!Arrays.asList(allowed).contains(method)) {
            throw new ApiError(405, "method-not-allowed", method + " is not allowed here",
                    "use " + String.join(" or ", allowed)).withHeader("Allow", String.join(", ", allowed));
        }
    }

    private static ApiError unknownClient(String id) {
        return new ApiError(404, "unknown-client", "no paired client has id '" + id + "'",
                "GET /api/clients lists the paired clients");
    }

    private static List<String> segments(String path) {
        if (path == null) {
            return List.of();
        }
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    private ApiResponse error(ApiError error) {
        ObjectNode body = object().put("error", error.reason()).put("message", error.getMessage())
                .put("remedy", error.remedy());
        return new ApiResponse(error.status(), Map.copyOf(error.headers()), body);
    }
}
