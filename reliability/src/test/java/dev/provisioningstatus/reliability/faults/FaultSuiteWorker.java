package dev.provisioningstatus.reliability.faults;

import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.worker.ProvisioningWorkerApplication;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provisioning worker as the fault suite runs it, with two additions that live here so that
 * the production worker carries no fault hooks:
 * <ul>
 *   <li>no sticky workflow tasks. A Temporal server moves the workflow tasks a dead worker held on
 *       its sticky queue to the shared queue after 5 s; the SDK's test service never does, so a
 *       killed worker's runs would wait there forever. Without stickiness every workflow task goes
 *       to the shared queue and is replayed from history by whichever worker takes it.
 *   <li>when {@value #DIE_AFTER_PUBLISHING_RESULT_OF} names an application, the JVM halts once Kafka
 *       has acknowledged the first environment result published for it, before the activity's
 *       completion reaches Temporal, as a worker killed at exactly that instant would. Temporal
 *       then runs the publishing activity again on the next worker: the event is published twice.
 * </ul>
 */
public final class FaultSuiteWorker {

    static final String DIE_AFTER_PUBLISHING_RESULT_OF = "faults.die-after-publishing-result-of";

    /** Exit status of the halt: unlike 137 (any SIGKILL), it can only come from this fault. */
    static final int HALT_STATUS = 86;

    private FaultSuiteWorker() {
    }

    public static void main(String[] args) {
        SpringApplication application = ProvisioningWorkerApplication.application();
        application.addPrimarySources(List.of(WithoutStickyWorkflowTasks.class, HaltAfterPublishing.class));
        application.run(args);
    }

    @Configuration(proxyBeanMethods = false)
    static class WithoutStickyWorkflowTasks {

        /** A zero timeout makes the SDK ask for no sticky queue when it completes a workflow task. */
        @Bean
        TemporalOptionsCustomizer<WorkerOptions.Builder> noStickyWorkflowTasks() {
            return options -> options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(DIE_AFTER_PUBLISHING_RESULT_OF)
    static class HaltAfterPublishing {

        /** Installed by Temporal's Spring Boot auto-configuration, which takes every WorkerInterceptor bean. */
        @Bean
        WorkerInterceptor haltAfterPublishing(@Value("${" + DIE_AFTER_PUBLISHING_RESULT_OF + "}") String applicationId) {
            return new WorkerInterceptorBase() {
                @Override
                public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
                    return new ActivityInboundCallsInterceptorBase(next) {
                        @Override
                        public ActivityOutput execute(ActivityInput input) {
                            ActivityOutput output = super.execute(input);
                            if (input.getArguments().length == 1
                                    && input.getArguments()[0] instanceof EnvironmentProvisioningResult result
                                    && result.applicationId().equals(applicationId)) {
                                System.out.println("Fault: published " + result.eventId() + "; halting before "
                                        + "the activity completes");
                                System.out.flush();
                                Runtime.getRuntime().halt(HALT_STATUS);
                            }
                            return output;
                        }
                    };
                }
            };
        }
    }
}
