package dev.provisioningstatus.worker;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Consumes provisioning commands, runs the provisioning workflow on Temporal and publishes its events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProvisioningWorkerApplication {

    /** Its defaults live in {@code provisioning-worker.yml}; see {@link #application()}. */
    public static final String CONFIG_NAME = "provisioning-worker";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application as {@code main} runs it. The devstack runs every service on one classpath, so
     * a configuration file name of its own keeps other services' configuration out.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ProvisioningWorkerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
