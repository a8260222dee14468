package dev.provisioningstatus.statusview;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** Folds the provisioning events into the per-application view on {@code provisioning.status}. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class StatusViewApplication {

    /** Its defaults live in {@code status-view.yml}; see {@link #application()}. */
    public static final String CONFIG_NAME = "status-view";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application as {@code main} runs it. The devstack runs every service on one classpath, so
     * a configuration file name of its own keeps other services' {@code application.yml} out.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(StatusViewApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
