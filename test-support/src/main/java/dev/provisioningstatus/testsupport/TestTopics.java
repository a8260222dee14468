package dev.provisioningstatus.testsupport;

import dev.provisioningstatus.events.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates contract topics on a test broker, with their real cleanup policies. */
public final class TestTopics {

    private TestTopics() {
    }

    public static void create(String bootstrapServers, Collection<? extends Topic<?>> topics) {
        create(bootstrapServers, topics, "");
    }

    /** {@code prefix} isolates tests that share one broker: every name is prefixed with it. */
    public static void create(String bootstrapServers, Collection<? extends Topic<?>> topics, String prefix) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> newTopics = topics.stream()
                    .map(topic -> new NewTopic(prefix + topic.name(), 3, (short) 1).configs(topic.configs()))
                    .toList();
            Set<String> existing = admin.listTopics().names().get();
            admin.createTopics(newTopics.stream().filter(t -> !existing.contains(t.name())).toList()).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create test topics", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
