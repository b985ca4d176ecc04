package dev.twilight.host.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.twilight.api.apps.App;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Reads the apps file into the app list: validates every entry, adds the built-in Desktop and gives each app
 * its id. The format is described on {@link FileAppRegistry}.
 */
final class AppsFile {

    static final String DESKTOP = "Desktop";
    private static final Set<String> FIELDS = Set.of("name", "id", "cmd", "working-dir", "env", "prep-cmd",
            "image-path");
    /** Strict: a repeated key or a second document (a bad merge) is an error rather than silently dropped. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What is wrong with the file, phrased so it can follow "the apps file X is not valid: ". */
    static final class InvalidAppsFile extends Exception {
        InvalidAppsFile(String problem) {
            super(problem);
        }
    }

    /**
     * The apps of a file.
     *
     * @param apps          Desktop (unless the file has its own) and the file's apps, in order, with their ids
     * @param ignoredFields fields this host does not use (e.g. Sunshine's {@code detached}), for a warning
     */
    record Parsed(List<App> apps, Set<String> ignoredFields) {
    }

    static Parsed parse(byte[] json) throws InvalidAppsFile {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidAppsFile("it is not JSON (" + e.getOriginalMessage() + where + ")");
        } catch (IOException e) {
            throw new InvalidAppsFile("it cannot be parsed (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.path("apps").isArray()) {
            throw new InvalidAppsFile("it must be an object with an \"apps\" array, like "
                    + "{\"apps\":[{\"name\":\"Steam\",\"cmd\":\"steam -bigpicture\"}]}");
        }
        Set<String> ignoredFields = new TreeSet<>();
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("apps")) {
            Entry entry = entry(node, "apps[" + index++ + "]", ignoredFields);
            if (!names.add(entry.name)) {
                throw new InvalidAppsFile("two apps are named \"" + entry.name + "\"; names must be unique");
            }
            entries.add(entry);
        }
        if (!names.contains(DESKTOP)) {
            entries.add(0, new Entry(DESKTOP, 0, "", "", Map.of(), List.of(), ""));
        }
        return new Parsed(withIds(entries), ignoredFields);
    }

    /** The list when there is no file. */
    static List<App> desktopOnly() {
        return List.of(new App(derivedId(DESKTOP), DESKTOP, "", "", Map.of(), List.of(), ""));
    }

    /** Configured ids first, so that a derived id moves out of their way rather than the other way round. */
    private static List<App> withIds(List<Entry> entries) throws InvalidAppsFile {
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.configuredId != 0) {
                String other = taken.putIfAbsent(entry.configuredId, entry.name);
                if (other != null) {
                    throw new InvalidAppsFile("\"" + other + "\" and \"" + entry.name + "\" both have id "
                            + entry.configuredId + "; give one of them another id or remove its \"id\"");
                }
            }
        }
        List<App> apps = new ArrayList<>();
        for (Entry entry : entries) {
            int id = entry.configuredId;
            if (id == 0) {
                id = derivedId(entry.name);
                while (taken.containsKey(id)) {
                    id = id == Integer.MAX_VALUE ? 1 : id + 1;
                }
                taken.put(id, entry.name);
            }
            apps.add(new App(id, entry.name, entry.command, entry.workingDirectory, entry.environment, entry.prepare,
                    entry.imagePath));
        }
        return apps;
    }

    /** CRC32 of the name as a positive 31-bit number: the same on every host and every start. */
    static int derivedId(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        int id = (int) (crc.getValue() & 0x7fffffffL);
        return id == 0 ? 1 : id;
    }

    private static Entry entry(JsonNode node, String where, Set<String> ignoredFields) throws InvalidAppsFile {
        if (!node.isObject()) {
            throw new InvalidAppsFile(where + " must be an object like {\"name\":\"Steam\",\"cmd\":\"steam\"}");
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw new InvalidAppsFile(where + " has no \"name\"; every app needs a non-empty name");
        }
        String name = nameNode.asText().strip();
        String label = where + " (\"" + name + "\")";
        int id = 0;
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.canConvertToInt() || !idNode.isIntegralNumber() || idNode.asInt() <= 0) {
                throw new InvalidAppsFile(label + " has id " + idNode + "; an id must be a whole number from 1 to "
                        + Integer.MAX_VALUE + ", or left out to derive one from the name");
            }
            id = idNode.asInt();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode env = node.get("env");
        if (env != null && !env.isNull()) {
            if (!env.isObject()) {
                throw new InvalidAppsFile(label + ": \"env\" must be an object of names to text values, like "
                        + "{\"DISPLAY\":\":0\"}");
            }
            for (Map.Entry<String, JsonNode> field : env.properties()) {
                if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                    throw new InvalidAppsFile(label + ": env \"" + field.getKey() + "\" must be a text value");
                }
                environment.put(field.getKey(), field.getValue().asText());
            }
        }
        List<App.PrepCommand> prepare = new ArrayList<>();
        JsonNode prep = node.get("prep-cmd");
        if (prep != null && !prep.isNull()) {
            if (!prep.isArray()) {
                throw new InvalidAppsFile(label + ": \"prep-cmd\" must be an array like [{\"do\":\"...\",\"undo\":"
                        + "\"...\"}]");
            }
            int step = 0;
            for (JsonNode command : prep) {
                String stepLabel = label + ": prep-cmd[" + step++ + "]";
                if (!command.isObject() || !command.path("do").isTextual() || command.get("do").asText().isBlank()) {
                    throw new InvalidAppsFile(stepLabel + " needs a non-empty \"do\" command (and optionally "
                            + "\"undo\")");
                }
                prepare.add(new App.PrepCommand(command.get("do").asText(), text(command, "undo", stepLabel)));
            }
        }
        node.properties().stream().map(Map.Entry::getKey).filter(field -> !FIELDS.contains(field))
                .forEach(ignoredFields::add);
        return new Entry(name, id, text(node, "cmd", label), text(node, "working-dir", label), environment, prepare,
                text(node, "image-path", label));
    }

    private static String text(JsonNode node, String field, String label) throws InvalidAppsFile {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidAppsFile(label + ": \"" + field + "\" must be text, not " + value);
        }
        return value.asText();
    }

    private record Entry(String name, int configuredId, String command, String workingDirectory,
                         Map<String, String> environment, List<App.PrepCommand> prepare, String imagePath) {
    }
}
