package dev.provisioningstatus.statusview.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.TopicShape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ContractTopicsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ContractTopicsConfiguration.class);

    @Test
    void topicsTakeTheConfiguredShapeAndTheDefaultForWhatIsNotGiven() {
        context.withPropertyValues("provisioning.topics.partitions=6").run(started ->
                assertThat(started.getBean(TopicShape.class)).isEqualTo(new TopicShape(6, (short) 1)));
    }

    @Test
    void theRelaxedNamesOfEnvironmentVariablesBindToo() {
        context.withInitializer(started -> started.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("PROVISIONING_TOPICS_REPLICATIONFACTOR", "3"))))
                .run(started ->
                assertThat(started.getBean(TopicShape.class)).isEqualTo(new TopicShape(3, (short) 3)));
    }

    @Test
    void withoutSettingsTopicsHaveThreePartitionsAndOneReplica() {
        context.run(started -> assertThat(started.getBean(TopicShape.class)).isEqualTo(TopicShape.defaults()));
    }
}
