package dev.twilight.api.apps;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The apps offered to clients, in configured order; always includes the built-in "Desktop". */
@ProviderType
public interface AppRegistry {

    List<App> apps();

    Optional<App> find(int id);
}
