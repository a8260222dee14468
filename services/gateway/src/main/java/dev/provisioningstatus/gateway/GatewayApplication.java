package dev.provisioningstatus.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Serves provisioning views, accepts provisioning commands and streams changes to browsers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Its defaults live in {@code gateway.yml}; see {@link #application()}. */
    public static final String CONFIG_NAME = "gateway";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application as {@code main} runs it. The devstack runs every service on one classpath, so
     * a configuration file name of its own keeps other services' configuration out.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
