package dev.twilight.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** What each role starts, which services mean it is ready, and what it reports once it is. */
enum Role {
    HOST("host", List.of("dev.twilight.api.pipeline.VideoPipeline", "dev.twilight.api.pairing.PairingService")) {
        @Override
        Map<String, String> describe(BundleContext context) {
            Map<String, String> lines = new LinkedHashMap<>();
            Object pipeline = service(context, "dev.twilight.api.pipeline.VideoPipeline");
            lines.put("capture sources", backends(pipeline, "captureSources"));
            lines.put("encoders", backends(pipeline, "encoders"));
            ServiceReference<?> nvhttp = context.getServiceReference("dev.twilight.api.pairing.PairingService");
            Object http = nvhttp.getProperty("nvhttp.port");
            Object https = nvhttp.getProperty("nvhttp.https.port");
            lines.put("gamestream", "HTTP " + http + ", HTTPS " + https + " (Moonlight: add this PC; pair with "
                    + "'./twilight pin PIN' or 'twilight:pin PIN')");
            ServiceReference<?> runtime = context
                    .getServiceReference("org.osgi.service.servlet.runtime.HttpServiceRuntime");
            Object endpoints = runtime == null ? null : runtime.getProperty("osgi.http.endpoint");
            lines.put("admin API", endpoints == null ? "not running"
                    : String.join(" ", asStrings(endpoints)).replaceAll("/$", "") + "/api (user admin; password "
                    + "printed at first start, 'twilight:admin-password' sets a new one)");
            return lines;
        }
    },
    CLIENT("client", List.of("dev.twilight.api.decode.VideoDecoder")) {
        @Override
        Map<String, String> describe(BundleContext context) {
            List<String> decoders = new ArrayList<>();
            for (ServiceReference<?> reference : references(context, "dev.twilight.api.decode.VideoDecoder")) {
                Object decoder = context.getService(reference);
                decoders.add(Launcher.call(decoder, "name") + " " + Launcher.call(decoder, "codecs"));
            }
            return Map.of("decoders", String.join(", ", decoders),
                    "verbs", "./twilight client help (discover, pair, list, status, stream, quit, unpair), or "
                            + "client:* in the shell");
        }
    };

    private final String folder;
    private final List<String> readyServices;

    Role(String folder, List<String> readyServices) {
        this.folder = folder;
        this.readyServices = readyServices;
    }

    String folder() {
        return folder;
    }

    /** The services whose registration means the role is up. */
    List<String> readyServices() {
        return readyServices;
    }

    /** Label and value of each line that says what the ready role runs and where. */
    abstract Map<String, String> describe(BundleContext context);

    private static List<ServiceReference<?>> references(BundleContext context, String name) {
        try {
            ServiceReference<?>[] references = context.getServiceReferences(name, null);
            return references == null ? List.of() : List.of(references);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object service(BundleContext context, String name) {
        ServiceReference<?> reference = context.getServiceReference(name);
        return reference == null ? null : context.getService(reference);
    }

    private static List<String> asStrings(Object value) {
        if (value instanceof String[] array) {
            return List.of(array);
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /** "name (available)" for each backend the pipeline lists, best first. */
    private static String backends(Object pipeline, String accessor) {
        Object list = pipeline == null ? null : Launcher.call(pipeline, accessor);
        if (!(list instanceof List<?> infos) || infos.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (Object info : infos) {
            Object availability = Launcher.call(info, "availability");
            boolean available = Boolean.TRUE.equals(Launcher.call(availability, "available"));
            text.append(text.length() == 0 ? "" : ", ").append(Launcher.call(info, "name"))
                    .append(available ? "" : " (unavailable: " + Launcher.call(availability, "reason") + ")");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return folder;
    }
}
