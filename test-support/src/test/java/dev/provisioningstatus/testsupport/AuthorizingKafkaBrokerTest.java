package dev.provisioningstatus.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
            assertThat(aclsOnceThere(operator, guestReads)).contains(guestReads);
        }
    }

    /**
     * The broker's ACLs once {@code expected} is among them, or as they are after 30 s: the controller has
     * committed the ACL when {@code createAcls} returns, the broker applies it a moment later.
     */
    private static Collection<AclBinding> aclsOnceThere(Admin admin, AclBinding expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values().get();
        while (!acls.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            acls = admin.describeAcls(AclBindingFilter.ANY).values().get();
        }
        return acls;
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
