package dev.twilight.host.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.apps.App;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAppRegistryTest {

    private static final String STEAM = """
            {"apps": [
              {"name": "Steam", "cmd": "steam -bigpicture", "working-dir": "/tmp", "env": {"K": "V", "N": 1},
               "prep-cmd": [{"do": "xrandr --output a", "undo": "xrandr --auto"}, {"do": "true"}],
               "image-path": "/img/steam.png", "detached": ["x"]}
            ]}
            """;

    @TempDir
    Path folder;

    private final List<FileAppRegistry> registries = new ArrayList<>();

    @AfterEach
    void stop() {
        registries.forEach(FileAppRegistry::deactivate);
    }

    private FileAppRegistry registry(String file) {
        FileAppRegistry registry = new FileAppRegistry(folder, config(file));
        registries.add(registry);
        return registry;
    }

    private static FileAppRegistry.Config config(String file) {
        return new FileAppRegistry.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileAppRegistry.Config.class;
            }

            @Override
            public String file() {
                return file;
            }
        };
    }

    private void write(String json) throws IOException {
        Files.writeString(folder.resolve("apps.json"), json);
    }

    private static List<String> names(FileAppRegistry registry) {
        return registry.apps().stream().map(App::name).toList();
    }

    @Test
    void withoutAFileOnlyDesktopIsOffered() {
        FileAppRegistry registry = registry("");
        assertEquals(List.of("Desktop"), names(registry));
        App desktop = registry.apps().get(0);
        assertEquals("", desktop.command());
        assertEquals(desktop, registry.find(desktop.id()).orElseThrow());
        assertTrue(registry.find(desktop.id() + 1).isEmpty());
    }

    @Test
    void desktopComesFirstAndTheFileIsReadCompletely() throws IOException {
        write(STEAM);
        FileAppRegistry registry = registry("");

        assertEquals(List.of("Desktop", "Steam"), names(registry));
        App steam = registry.apps().get(1);
        assertEquals("steam -bigpicture", steam.command());
        assertEquals("/tmp", steam.workingDirectory());
        assertEquals(Map.of("K", "V", "N", "1"), steam.environment());
        assertEquals(List.of(new App.PrepCommand("xrandr --output a", "xrandr --auto"),
                new App.PrepCommand("true", "")), steam.prepare());
        assertEquals("/img/steam.png", steam.imagePath());
    }

    @Test
    void aDesktopInTheFileReplacesTheBuiltInOne() throws IOException {
        write("{\"apps\":[{\"name\":\"Steam\"},{\"name\":\"Desktop\",\"prep-cmd\":[{\"do\":\"true\"}]}]}");
        FileAppRegistry registry = registry("");
        assertEquals(List.of("Steam", "Desktop"), names(registry));
        assertEquals(1, registry.apps().get(1).prepare().size());
    }

    @Test
    void idsAreDerivedFromNamesAndStayTheSameAcrossRestarts() throws IOException {
        write("{\"apps\":[{\"name\":\"Steam\"},{\"name\":\"Emulator\",\"id\":77}]}");
        List<App> first = registry("").apps();
        List<App> second = registry("").apps();

        assertEquals(first, second);
        assertEquals(AppsFile.derivedId("Steam"), first.get(1).id());
        assertEquals(77, first.get(2).id());
        assertTrue(first.stream().allMatch(app -> app.id() > 0));
    }

    @Test
    void aDerivedIdThatClashesMovesToTheNextFreeNumber() throws IOException {
        int steam = AppsFile.derivedId("Steam");
        write("{\"apps\":[{\"name\":\"Steam\"},{\"name\":\"Old\",\"id\":" + steam + "},{\"name\":\"Next\",\"id\":"
                + (steam + 1) + "}]}");
        List<App> apps = registry("").apps();
        assertEquals(steam + 2, apps.get(1).id(), "configured ids win; the derived one moves past both");
        assertEquals(steam, apps.get(2).id());
        assertEquals(steam + 1, apps.get(3).id());
    }

    @Test
    void aMalformedFileKeepsTheLastGoodListAndAFixedOneIsReadAgain() throws IOException {
        write(STEAM);
        FileAppRegistry registry = registry("");
        List<App> good = registry.apps();

        write("{\"apps\":[{\"name\":\"Steam\",\"cmd\":");
        registry.poll();
        assertEquals(good, registry.apps());

        write("{\"apps\":[{\"cmd\":\"nameless\"}]}");
        registry.poll();
        assertEquals(good, registry.apps());

        write("{\"apps\":[{\"name\":\"A\",\"id\":5},{\"name\":\"B\",\"id\":5}]}");
        registry.poll();
        assertEquals(good, registry.apps());

        write("{\"apps\":[{\"name\":\"A\",\"name\":\"B\"}]}");
        registry.poll();
        assertEquals(good, registry.apps());

        write("{\"apps\":[]} {\"apps\":[]}");
        registry.poll();
        assertEquals(good, registry.apps());

        write("{\"apps\":[{\"name\":\"Steam\"},{\"name\":\"Retro\"}]}");
        await(() -> names(registry), List.of("Desktop", "Steam", "Retro"));
    }

    @Test
    void theFileIsReadAgainWhenItChangesOrDisappears() throws IOException {
        FileAppRegistry registry = registry("");
        write("{\"apps\":[{\"name\":\"Steam\"}]}");
        await(() -> names(registry), List.of("Desktop", "Steam"));
        Files.delete(folder.resolve("apps.json"));
        await(() -> names(registry), List.of("Desktop"));
    }

    @Test
    void aConfigurationChangeReadsTheNewFile() throws IOException {
        write("{\"apps\":[{\"name\":\"Steam\"}]}");
        Path other = folder.resolve("other.json");
        Files.writeString(other, "{\"apps\":[{\"name\":\"Retro\"}]}");
        FileAppRegistry registry = registry("");
        assertEquals(List.of("Desktop", "Steam"), names(registry));

        registry.modified(config(other.toString()));
        assertEquals(List.of("Desktop", "Retro"), names(registry));
    }

    @Test
    void withoutAConfigurationFolderOnlyDesktopIsOffered() {
        FileAppRegistry registry = new FileAppRegistry((Path) null, config(""));
        registries.add(registry);
        assertEquals(List.of("Desktop"), names(registry));
    }

    private static <T> void await(Supplier<T> actual, T expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!expected.equals(actual.get()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertEquals(expected, actual.get());
    }
}
