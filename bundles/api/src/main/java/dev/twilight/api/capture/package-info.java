/**
 * Capture sources: where the host's pictures and sound come from.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.capture;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
