/**
 * The apps a host offers to clients (GameStream /applist) and the one that runs.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.apps;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
