package dev.provisioningstatus.gateway.view;

import static dev.provisioningstatus.gateway.TestViews.completed;
import static dev.provisioningstatus.gateway.TestViews.failed;
import static dev.provisioningstatus.gateway.TestViews.partial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ProvisioningViewIndexTest {

    private final ProvisioningViewIndex index = new ProvisioningViewIndex(3);

    @Test
    void aNewViewIsFoundByIdWorkspaceAndStatus() {
        index.apply("app-1", failed("app-1", "acme", 1));

        assertThat(index.find("app-1")).map(ApplicationProvisioningView::version).contains(1L);
        assertThat(index.inWorkspace("acme")).extracting(ApplicationProvisioningView::applicationId).containsExactly("app-1");
        assertThat(index.withStatus(Set.of(ProvisioningStatus.FAILED))).hasSize(1);
        assertThat(index.withStatus(Set.of(ProvisioningStatus.COMPLETED))).isEmpty();
    }

    @Test
    void aWorkspaceQuerySeesOnlyThatWorkspacesApplications() {
        index.apply("app-1", failed("app-1", "acme", 1));
        index.apply("app-2", failed("app-2", "globex", 1));

        assertThat(index.inWorkspace("acme")).extracting(ApplicationProvisioningView::applicationId).containsExactly("app-1");
        assertThat(index.inWorkspace("initech")).isEmpty();
    }

    @Test
    void aViewThatIsNotNewerThanTheOneHeldChangesNothing() {
        index.apply("app-1", failed("app-1", "acme", 2));

        assertThat(index.apply("app-1", completed("app-1", "acme", 2))).isEmpty();
        assertThat(index.apply("app-1", completed("app-1", "acme", 1))).isEmpty();
        assertThat(index.find("app-1")).map(ApplicationProvisioningView::status).contains(ProvisioningStatus.FAILED);
        assertThat(index.sequence()).isEqualTo(1);
    }

    @Test
    void aNewerViewReplacesTheOldOneInEveryIndex() {
        index.apply("app-1", failed("app-1", "acme", 1));
        index.apply("app-1", completed("app-1", "acme", 2));

        assertThat(index.withStatus(Set.of(ProvisioningStatus.FAILED))).isEmpty();
        assertThat(index.withStatus(Set.of(ProvisioningStatus.COMPLETED))).hasSize(1);
        assertThat(index.inWorkspace("acme")).singleElement()
                .extracting(ApplicationProvisioningView::version).isEqualTo(2L);
    }

    @Test
    void aTombstoneRemovesTheApplication() {
        index.apply("app-1", failed("app-1", "acme", 1));

        assertThat(index.apply("app-1", null)).hasValueSatisfying(change -> {
            assertThat(change.before()).isNotNull();
            assertThat(change.after()).isNull();
        });
        assertThat(index.find("app-1")).isEmpty();
        assertThat(index.inWorkspace("acme")).isEmpty();
        assertThat(index.withStatus(EnumSet.allOf(ProvisioningStatus.class))).isEmpty();
        assertThat(index.bannerCount("acme")).isZero();
    }

    @Test
    void aTombstoneForAnUnknownApplicationChangesNothing() {
        assertThat(index.apply("app-1", null)).isEmpty();
        assertThat(index.sequence()).isZero();
    }

    @Test
    void theBannerCountsFailedAndPartialApplicationsOfTheWorkspace() {
        index.apply("app-1", failed("app-1", "acme", 1));
        index.apply("app-2", partial("app-2", "acme", 1));
        index.apply("app-3", completed("app-3", "acme", 1));
        index.apply("app-4", failed("app-4", "globex", 1));

        assertThat(index.bannerCount("acme")).isEqualTo(2);
        index.apply("app-1", completed("app-1", "acme", 2));
        assertThat(index.bannerCount("acme")).isEqualTo(1);
    }

    @Test
    void everyChangeCarriesTheCountsAfterIt() {
        index.apply("app-1", failed("app-1", "acme", 1));
        ViewChange change = index.apply("app-2", partial("app-2", "acme", 1)).orElseThrow();

        assertThat(change.sequence()).isEqualTo(2);
        assertThat(change.bannerCountAfter("acme")).isEqualTo(2);
        assertThat(change.statusCountAfter(Set.of(ProvisioningStatus.FAILED, ProvisioningStatus.PARTIAL))).isEqualTo(2);
    }

    @Test
    void aViewKeyedUnderAnotherApplicationIdIsRefused() {
        assertThatThrownBy(() -> index.apply("app-1", failed("app-2", "acme", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscribersReceiveEveryChangeInOrder() {
        StepVerifier.create(index.changes().map(ViewChange::sequence).take(2))
                .then(() -> {
                    index.apply("app-1", failed("app-1", "acme", 1));
                    index.apply("app-1", failed("app-1", "acme", 1));
                    index.apply("app-1", completed("app-1", "acme", 2));
                })
                .expectNext(1L, 2L)
                .verifyComplete();
    }

    @Test
    void recentChangesAreReplayedFromAGivenSequence() {
        for (int version = 1; version <= 3; version++) {
            index.apply("app-1", failed("app-1", "acme", version));
        }

        Positioned<List<ViewChange>> replay = index.changesFrom(2).orElseThrow();
        assertThat(replay.value()).extracting(ViewChange::sequence).containsExactly(2L, 3L);
        assertThat(replay.sequence()).isEqualTo(3);
        assertThat(index.changesFrom(4)).hasValueSatisfying(nothing -> assertThat(nothing.value()).isEmpty());
    }

    @Test
    void changesOlderThanTheBufferCannotBeReplayed() {
        for (int version = 1; version <= 5; version++) {
            index.apply("app-1", failed("app-1", "acme", version));
        }

        assertThat(index.changesFrom(2)).isEmpty();
        assertThat(index.changesFrom(3)).isPresent();
        assertThat(index.changesFrom(7)).as("a cursor from the future").isEmpty();
    }

    @Test
    void aReadSeesTheStateOfTheSequenceItReports() {
        index.apply("app-1", failed("app-1", "acme", 1));

        Positioned<Integer> read = index.read(current -> current.inWorkspace("acme").size());

        assertThat(read.sequence()).isEqualTo(1);
        assertThat(read.value()).isEqualTo(1);
    }
}
