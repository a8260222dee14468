package dev.provisioningstatus.notifier;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** Tells webhook subscribers when an application became failed or partial, or recovered. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class NotifierApplication {

    /** Its defaults live in {@code notifier.yml}; see {@link #application()}. */
    public static final String CONFIG_NAME = "notifier";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application as {@code main} runs it. The devstack runs every service on one classpath, so
     * a configuration file name of its own keeps other services' configuration out.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(NotifierApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
