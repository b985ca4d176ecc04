package dev.twilight.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each role starts, which service means it is ready, and what it reports once it is. */
enum Role {
    HOST("host", "dev.twilight.api.pipeline.VideoPipeline",
            "no listeners yet: the GameStream ports (47984, 47989, 48010, ...) arrive with the control plane") {
        @Override
        Map<String, String> describe(Object pipeline) {
            Map<String, String> lines = new LinkedHashMap<>();
            lines.put("capture sources", backends(pipeline, "captureSources"));
            lines.put("encoders", backends(pipeline, "encoders"));
            return lines;
        }
    },
    CLIENT("client", "dev.twilight.api.decode.VideoDecoder",
            "none: pairing and streaming from a host arrive with the client protocol release") {
        @Override
        Map<String, String> describe(Object decoder) {
            return Map.of("decoder", Launcher.call(decoder, "name") + " " + Launcher.call(decoder, "codecs"));
        }
    };

    private final String folder;
    private final String readyService;
    private final String network;

    Role(String folder, String readyService, String network) {
        this.folder = folder;
        this.readyService = readyService;
        this.network = network;
    }

    String folder() {
        return folder;
    }

    String readyService() {
        return readyService;
    }

    String network() {
        return network;
    }

    /** Label and value of each line that says what the ready role runs. */
    abstract Map<String, String> describe(Object service);

    /** "name (available)" for each backend the pipeline lists, best first. */
    private static String backends(Object pipeline, String accessor) {
        Object list = Launcher.call(pipeline, accessor);
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
