package dev.twilight.shell.admin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twilight.shell.TestHost;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationAdmin;

class ConfigurationPropertyTest {

    private final TestHost.Configurations configurations = new TestHost.Configurations();
    private final ConfigurationAdmin admin = configurations.admin();

    @Test
    void aMissingConfigurationIsCreatedWithTheOneProperty() throws Exception {
        assertNull(ConfigurationProperty.read(admin, "dev.twilight.test", "order"));
        ConfigurationProperty.write(admin, "dev.twilight.test", "order", new String[] {"a", "b"});
        assertArrayEquals(new String[] {"a", "b"},
                (String[]) ConfigurationProperty.read(admin, "dev.twilight.test", "order"));
    }

    @Test
    void writingOnePropertyKeepsTheOthers() throws Exception {
        Hashtable<String, Object> existing = new Hashtable<>();
        existing.put("speed", 2);
        existing.put("order", "a");
        configurations.stored.put("dev.twilight.test", existing);

        ConfigurationProperty.write(admin, "dev.twilight.test", "order", "b");

        assertEquals("b", configurations.stored.get("dev.twilight.test").get("order"));
        assertEquals(2, configurations.stored.get("dev.twilight.test").get("speed"));
    }
}
