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

    /**
     * Reactor Netty 1.3 can stop reading a keep-alive connection whose next request arrives before
     * the previous exchange has fully terminated (reactor/reactor-netty#4361): that client's requests
     * then hang until it gives up. Terminating each exchange with its last flush closes the window.
     * Reactor Netty reads the property once, when the first connection is served, so it is set as
     * this class initializes, before any server starts; an explicit setting is left alone.
     */
    public static final String LAST_FLUSH_WHEN_NO_READ = "reactor.netty.http.server.lastFlushWhenNoRead";

    static {
        if (System.getProperty(LAST_FLUSH_WHEN_NO_READ) == null) {
            System.setProperty(LAST_FLUSH_WHEN_NO_READ, "true");
        }
    }

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
