package dev.provisioningstatus.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthorizingKafkaBrokerTest {

    private static AuthorizingKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = AuthorizingKafkaBroker.builder().superUser("operator").user("guest").start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aSuperUserMayCreateTopicsAndAcls() throws Exception {
        try (Admin operator = Admin.create(broker.clientProperties("operator"))) {
            operator.createTopics(List.of(new NewTopic("support-authorized", 1, (short) 1))).all().get();
            AclBinding guestReads = new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "support-authorized", PatternType.LITERAL),
                    new AccessControlEntry("User:guest", "*", AclOperation.READ, AclPermissionType.ALLOW));
            operator.createAcls(List.of(guestReads)).all().get();

            assertThat(operator.listTopics().names().get()).contains("support-authorized");
            // The controller has committed the ACL when createAcls returns; the broker applies it a moment later.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(operator.describeAcls(AclBindingFilter.ANY).values().get()).contains(guestReads));
        }
    }

    @Test
    void aUserWithoutAclsMayNotCreateTopics() {
        try (Admin guest = Admin.create(broker.clientProperties("guest"))) {
            Throwable refused = catchThrowable(() ->
                    guest.createTopics(List.of(new NewTopic("support-unauthorized", 1, (short) 1))).all().get());

            assertThat(refused).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aUserWithoutAclsMayNotManageAcls() {
        try (Admin guest = Admin.create(broker.clientProperties("guest"))) {
            Throwable refused = catchThrowable(() -> guest.describeAcls(AclBindingFilter.ANY).values().get());

            assertThat(refused).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ClusterAuthorizationException.class);
        }
    }
}
