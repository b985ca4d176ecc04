package dev.twilight.admin;

import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.storage.OwnerOnlyFiles;
import dev.twilight.storage.StateDirectory;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin REST API on the HTTP whiteboard, under {@value #BASE_PATH}. It adapts servlet requests to
 * {@link AdminApi}, and writes {@code admin-endpoint} to the state folder (the URL the API answers on, read from
 * the HTTP runtime) so that {@code ./twilight pin} finds the running host. The host services are optional: the
 * API stays up while they come and go and answers 503 for what is missing.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("twilight-admin-api")
@HttpWhiteboardServletPattern(AdminApiServlet.BASE_PATH + "/*")
public class AdminApiServlet extends HttpServlet implements HostServices {

    static final String BASE_PATH = "/api";
    static final String ENDPOINT_FILE = "admin-endpoint";
    private static final Logger LOG = LoggerFactory.getLogger(AdminApiServlet.class);

    private final ConfigurationAdmin configurationAdmin;
    private final Path endpointFile;
    private final AdminApi api;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PairingService pairing;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PairedClients pairedClients;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SessionManager sessionManager;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile AppRegistry appRegistry;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<SessionPolicy> policies = new CopyOnWriteArrayList<>();

    @Activate
    public AdminApiServlet(BundleContext context, @Reference(name = "credentials") AdminCredentials credentials,
                           @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin) {
        this(StateDirectory.resolve(null, context.getProperty(StateDirectory.FRAMEWORK_PROPERTY), StateDirectory.HOST),
                credentials, configurationAdmin, Clock.systemUTC());
    }

    AdminApiServlet(Path stateDirectory, AdminCredentials credentials, ConfigurationAdmin configurationAdmin,
                    Clock clock) {
        this.endpointFile = stateDirectory.resolve(ENDPOINT_FILE);
        this.configurationAdmin = configurationAdmin;
        this.api = new AdminApi(this, new Authenticator(credentials, new FailureLimiter(clock)), clock);
    }

    @Reference(name = "httpServiceRuntime", service = HttpServiceRuntime.class,
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            updated = "runtimeUpdated", unbind = "unbindRuntime")
    void bindRuntime(Map<String, Object> properties) {
        writeEndpoint(properties);
    }

    /** The runtime's endpoints change when the HTTP port is reconfigured. */
    void runtimeUpdated(Map<String, Object> properties) {
        writeEndpoint(properties);
    }

    void unbindRuntime(Map<String, Object> properties) {
        deleteEndpoint();
    }

    @Deactivate
    void deactivate() {
        deleteEndpoint();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        ApiResponse answer = api.handle(new ApiRequest(request.getMethod(), request.getPathInfo(),
                request.getRemoteAddr(), request.getHeader("Authorization"), request.getContentType(),
                request::getInputStream));
        try {
            byte[] json = api.mapper().writeValueAsBytes(answer.body());
            response.setStatus(answer.status());
            answer.headers().forEach(response::setHeader);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing else to tell it
            LOG.debug("admin API: could not write the response", e);
        }
    }

    /**
     * The admin API's base URL from the runtime's {@code osgi.http.endpoint} (a string, array or collection of
     * URLs): a loopback one when there is one, since the launcher runs on this machine.
     */
    static Optional<String> baseUrl(Object endpoints) {
        Stream<?> urls = endpoints instanceof Object[] array ? Arrays.stream(array)
                : endpoints instanceof Collection<?> collection ? collection.stream()
                : Stream.ofNullable(endpoints);
        List<String> candidates = urls.map(String::valueOf).filter(url -> url.startsWith("http")).toList();
        return candidates.stream().filter(AdminApiServlet::loopback).findFirst()
                .or(() -> candidates.stream().findFirst())
                .map(url -> url.replaceAll("/+$", "") + BASE_PATH);
    }

    private static boolean loopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void writeEndpoint(Map<String, Object> runtimeProperties) {
        Optional<String> url = baseUrl(runtimeProperties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
        if (url.isEmpty()) {
            LOG.warn("the HTTP runtime names no endpoint ({}); './twilight pin' cannot find the admin API",
                    runtimeProperties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT));
            deleteEndpoint();
            return;
        }
        try {
            OwnerOnlyFiles.writeAtomically(endpointFile, (url.get() + "\n").getBytes(StandardCharsets.UTF_8));
            LOG.info("admin API at {}", url.get());
        } catch (IOException e) {
            LOG.warn("could not write {}: {}; './twilight pin' cannot find the admin API", endpointFile, e.toString());
        }
    }

    private void deleteEndpoint() {
        try {
            Files.deleteIfExists(endpointFile);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", endpointFile, e.toString());
        }
    }

    @Override
    public Optional<PairingService> pairing() {
        return Optional.ofNullable(pairing);
    }

    @Override
    public Optional<PairedClients> pairedClients() {
        return Optional.ofNullable(pairedClients);
    }

    @Override
    public Optional<SessionManager> sessionManager() {
        return Optional.ofNullable(sessionManager);
    }

    @Override
    public Optional<AppRegistry> appRegistry() {
        return Optional.ofNullable(appRegistry);
    }

    @Override
    public List<SessionPolicy> policies() {
        return List.copyOf(policies);
    }

    @Override
    public ConfigurationAdmin configurationAdmin() {
        return configurationAdmin;
    }
}
