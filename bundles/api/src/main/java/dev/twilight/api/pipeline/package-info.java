/**
 * The host media pipeline: capture to encoder to whoever subscribes.
 */
@Export
@Version("1.0.0")
package dev.twilight.api.pipeline;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
