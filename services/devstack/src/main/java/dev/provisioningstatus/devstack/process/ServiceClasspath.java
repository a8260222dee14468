package dev.provisioningstatus.devstack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runtime classpath for child JVMs: this module's classes plus the dependency list Maven wrote to
 * {@code target/devstack.classpath}. Reading the file (rather than {@code java.class.path}) works the
 * same under the devstack script and under Surefire, whose own classpath is a temporary manifest jar.
 */
public final class ServiceClasspath {

    private static String classpath;

    private ServiceClasspath() {
    }

    /** Points at another module's classpath file, for test suites that start the services from outside this module. */
    public static final String FILE_PROPERTY = "devstack.classpath.file";

    public static synchronized String get() {
        if (classpath == null) {
            Path classes = ownClasses();
            String configured = System.getProperty(FILE_PROPERTY);
            Path file = configured != null ? Path.of(configured) : classes.getParent().resolve("devstack.classpath");
            try {
                classpath = classes + File.pathSeparator + Files.readString(file).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("missing " + file + ": build the project with Maven first", e);
            }
        }
        return classpath;
    }

    private static Path ownClasses() {
        try {
            return Path.of(ServiceClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
