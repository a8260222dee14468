package dev.provisioningstatus.gateway.view;

import static dev.provisioningstatus.gateway.TestViews.completed;
import static dev.provisioningstatus.gateway.TestViews.failed;
import static dev.provisioningstatus.gateway.TestViews.partial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.gateway.StatusLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvisioningViewIndexTest {

    private final ProvisioningViewIndex index = new ProvisioningViewIndex();
    private final StatusLog log = new StatusLog(index);

    @Test
    void aNewViewIsFoundByIdWorkspaceAndStatus() {
        log.apply("app-1", failed("app-1", "acme", 1));

        assertThat(index.find("app-1")).map(ApplicationProvisioningView::version).contains(1L);
        assertThat(views(index.inWorkspace("acme", held -> true)))
                .extracting(ApplicationProvisioningView::applicationId)
                .containsExactly("app-1");
        assertThat(views(index.withStatus(Set.of(ProvisioningStatus.FAILED)))).hasSize(1);
        assertThat(views(index.withStatus(Set.of(ProvisioningStatus.COMPLETED)))).isEmpty();
    }

    @Test
    void aHeldViewReadsBackAsTheViewItWasReadFrom() {
        ApplicationProvisioningView view = failed("app-1", "acme", 1);
        log.apply("app-1", view);

        assertThat(index.find("app-1")).contains(view);
    }

    @Test
    void aHeldViewReadsBackAsTheStatusTopicsDeserializerReadItFromTheSameBytes() {
        String written = new String(StatusLog.record(0, 0, "app-1", failed("app-1", "acme", 1)).value(),
                StandardCharsets.UTF_8);
        byte[] value = (written.substring(0, written.length() - 1) + ",\"addedLater\":true,\"name\":\"Renamed\"}")
                .getBytes(StandardCharsets.UTF_8);
        ApplicationProvisioningView read = Topics.PROVISIONING_STATUS.valueSerde().deserializer()
                .deserialize(Topics.PROVISIONING_STATUS.name(), value);

        index.apply(new StatusRecord(0, 0, 0, "app-1", read, value));

        assertThat(read.name()).as("a repeated field: the last one counts").isEqualTo("Renamed");
        assertThat(index.find("app-1")).contains(read);
    }

    @Test
    void aChangeCarriesTheViewAsReadBesideTheViewHeldAfterIt() {
        ViewChange added = log.apply("app-1", failed("app-1", "acme", 1)).orElseThrow();
        ViewChange deleted = log.apply("app-1", null).orElseThrow();

        assertThat(added.afterAsRead()).isEqualTo(added.after().view());
        assertThat(deleted.after()).isNull();
        assertThat(deleted.afterAsRead()).isNull();
    }

    @Test
    void aWorkspaceQueryGivesOnlyTheApplicationsItSelects() {
        log.apply("app-1", failed("app-1", "acme", 1));
        log.apply("app-2", completed("app-2", "acme", 1));

        assertThat(views(index.inWorkspace("acme", HeldView::countsInBanner)))
                .extracting(ApplicationProvisioningView::applicationId)
                .containsExactly("app-1");
    }

    @Test
    void aWorkspaceQuerySeesOnlyThatWorkspacesApplications() {
        log.apply("app-1", failed("app-1", "acme", 1));
        log.apply("app-2", failed("app-2", "globex", 1));

        assertThat(views(index.inWorkspace("acme", held -> true)))
                .extracting(ApplicationProvisioningView::applicationId)
                .containsExactly("app-1");
        assertThat(views(index.inWorkspace("initech", held -> true))).isEmpty();
    }

    @Test
    void aViewThatIsNotNewerThanTheOneHeldChangesNothing() {
        log.apply("app-1", failed("app-1", "acme", 2));

        assertThat(log.apply("app-1", completed("app-1", "acme", 2))).isEmpty();
        assertThat(log.apply("app-1", completed("app-1", "acme", 1))).isEmpty();
        assertThat(index.find("app-1")).map(ApplicationProvisioningView::status).contains(ProvisioningStatus.FAILED);
        assertThat(index.changedSince(start()))
                .singleElement().extracting(LatestRecord::offset).as("the record that set the view").isEqualTo(0L);
    }

    @Test
    void aNewerViewReplacesTheOldOneInEveryIndex() {
        log.apply("app-1", failed("app-1", "acme", 1));
        log.apply("app-1", completed("app-1", "acme", 2));

        assertThat(views(index.withStatus(Set.of(ProvisioningStatus.FAILED)))).isEmpty();
        assertThat(views(index.withStatus(Set.of(ProvisioningStatus.COMPLETED)))).hasSize(1);
        assertThat(views(index.inWorkspace("acme", held -> true))).singleElement()
                .extracting(ApplicationProvisioningView::version).isEqualTo(2L);
    }

    @Test
    void aTombstoneRemovesTheApplication() {
        log.apply("app-1", failed("app-1", "acme", 1));

        assertThat(log.apply("app-1", null)).hasValueSatisfying(change -> {
            assertThat(change.before()).isNotNull();
            assertThat(change.after()).isNull();
        });
        assertThat(index.find("app-1")).isEmpty();
        assertThat(views(index.inWorkspace("acme", held -> true))).isEmpty();
        assertThat(views(index.withStatus(EnumSet.allOf(ProvisioningStatus.class)))).isEmpty();
        assertThat(index.bannerCount("acme")).isZero();
    }

    @Test
    void aTombstoneForAnUnknownApplicationChangesNothing() {
        assertThat(log.apply("app-1", null)).isEmpty();
        assertThat(index.changedSince(start())).isEmpty();
    }

    @Test
    void theBannerCountsFailedAndPartialApplicationsOfTheWorkspace() {
        log.apply("app-1", failed("app-1", "acme", 1));
        log.apply("app-2", partial("app-2", "acme", 1));
        log.apply("app-3", completed("app-3", "acme", 1));
        log.apply("app-4", failed("app-4", "globex", 1));

        assertThat(index.bannerCount("acme")).isEqualTo(2);
        log.apply("app-1", completed("app-1", "acme", 2));
        assertThat(index.bannerCount("acme")).isEqualTo(1);
    }

    @Test
    void everyChangeCarriesTheCountsAfterIt() {
        log.apply("app-1", failed("app-1", "acme", 1));
        ViewChange change = log.apply("app-2", partial("app-2", "acme", 1)).orElseThrow();

        assertThat(change.offset()).isEqualTo(1);
        assertThat(change.position().nextOffset(0)).isEqualTo(2);
        assertThat(change.bannerCountAfter("acme")).isEqualTo(2);
        assertThat(change.statusCountAfter(Set.of(ProvisioningStatus.FAILED, ProvisioningStatus.PARTIAL))).isEqualTo(2);
    }

    @Test
    void aViewKeyedUnderAnotherApplicationIdIsRefused() {
        assertThatThrownBy(() -> log.apply("app-1", failed("app-2", "acme", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenersHearEveryChangeInOrder() {
        List<Long> heard = new ArrayList<>();
        index.listen(new ProvisioningViewIndex.Listener() {
            @Override
            public void changed(ViewChange change) {
                heard.add(change.offset());
            }

            @Override
            public void replaced(ViewPosition position) {
            }
        });
        log.apply("app-1", failed("app-1", "acme", 1));
        log.apply("app-1", failed("app-1", "acme", 1));
        log.apply("app-1", completed("app-1", "acme", 2));

        assertThat(heard).containsExactly(0L, 2L);
    }

    @Test
    void thePositionMovesPastEveryRecordEvenOneThatChangesNothing() {
        log.apply("app-1", failed("app-1", "acme", 2));
        log.apply("app-1", failed("app-1", "acme", 1));
        index.skip(0, 2);

        assertThat(index.position().nextOffset(0)).isEqualTo(3);
    }

    @Test
    void changedSinceGivesEachApplicationWhoseLatestRecordIsAtOrAfterThePosition() {
        log.apply("app-1", failed("app-1", "acme", 1));
        ViewPosition afterFirst = index.position();
        log.apply("app-2", failed("app-2", "acme", 1));
        log.apply("app-1", completed("app-1", "acme", 2));

        assertThat(index.changedSince(afterFirst)).extracting(LatestRecord::applicationId, LatestRecord::offset)
                .containsExactly(tuple("app-2", 1L), tuple("app-1", 2L));
    }

    @Test
    void aDeletionIsKeptAsAMarkerWithItsWorkspace() {
        log.apply("app-1", failed("app-1", "acme", 1));
        ViewPosition beforeDeletion = index.position();
        log.apply("app-1", null);

        assertThat(index.changedSince(beforeDeletion)).singleElement().satisfies(marker -> {
            assertThat(marker.isDeleted()).isTrue();
            assertThat(marker.workspaceId()).isEqualTo("acme");
        });
    }

    @Test
    void aDeletionMarkerIsForgottenOnceKafkaMayHaveRemovedItsTombstone() {
        Clock written = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        StatusLog oldLog = new StatusLog(index, written);
        oldLog.apply("app-1", failed("app-1", "acme", 1));
        oldLog.apply("app-1", null);

        index.forgetDeletionsBefore(written.millis() + StatusLog.DELETION_RETENTION.toMillis());
        assertThat(index.changedSince(start())).as("kept for the retention").hasSize(1);
        index.forgetDeletionsBefore(written.millis() + StatusLog.DELETION_RETENTION.toMillis() + 1);
        assertThat(index.changedSince(start())).as("forgotten after it").isEmpty();
    }

    @Test
    void eachDeletionMarkerIsForgottenAtItsOwnTime() {
        long first = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long aMinuteLater = first + 60_000;
        index.apply(StatusLog.record(0, first, "app-1", failed("app-1", "acme", 1)));
        index.apply(StatusLog.record(1, first, "app-1", null));
        index.apply(StatusLog.record(2, aMinuteLater, "app-2", failed("app-2", "acme", 1)));
        index.apply(StatusLog.record(3, aMinuteLater, "app-2", null));

        index.forgetDeletionsBefore(first + 30_000 + StatusLog.DELETION_RETENTION.toMillis());

        assertThat(index.changedSince(start())).extracting(LatestRecord::applicationId).containsExactly("app-2");
    }

    @Test
    void anApplicationRegisteredAgainAfterItsDeletionIsNotForgotten() {
        Clock written = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        StatusLog oldLog = new StatusLog(index, written);
        oldLog.apply("app-1", failed("app-1", "acme", 1));
        oldLog.apply("app-1", null);
        oldLog.apply("app-1", failed("app-1", "acme", 1));

        index.forgetDeletionsBefore(written.millis() + StatusLog.DELETION_RETENTION.toMillis() + 1);

        assertThat(index.find("app-1")).isPresent();
        assertThat(index.changedSince(start())).singleElement()
                .satisfies(latest -> assertThat(latest.isDeleted()).isFalse());
    }

    @Test
    void aSecondDeletionIsKeptForItsOwnRetention() {
        long first = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long anHourLater = first + 3_600_000;
        index.apply(StatusLog.record(0, first, "app-1", failed("app-1", "acme", 1)));
        index.apply(StatusLog.record(1, first, "app-1", null));
        index.apply(StatusLog.record(2, anHourLater, "app-1", failed("app-1", "acme", 1)));
        index.apply(StatusLog.record(3, anHourLater, "app-1", null));

        index.forgetDeletionsBefore(first + 1 + StatusLog.DELETION_RETENTION.toMillis());

        assertThat(index.changedSince(start())).singleElement()
                .satisfies(marker -> assertThat(marker.offset()).isEqualTo(3));
    }

    @Test
    void deletionsOfTheSameMillisecondAreForgottenTogether() {
        long deleted = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        index.apply(StatusLog.record(0, deleted, "app-1", failed("app-1", "acme", 1)));
        index.apply(StatusLog.record(1, deleted, "app-2", failed("app-2", "acme", 1)));
        index.apply(StatusLog.record(2, deleted, "app-1", null));
        index.apply(StatusLog.record(3, deleted, "app-2", null));
        assertThat(index.changedSince(start())).as("both kept").hasSize(2);

        index.forgetDeletionsBefore(deleted + 1 + StatusLog.DELETION_RETENTION.toMillis());

        assertThat(index.changedSince(start())).isEmpty();
    }

    @Test
    void anotherTopicIdEmptiesTheIndexAndTellsTheListeners() {
        log.apply("app-1", failed("app-1", "acme", 1));
        List<ViewPosition> replacedBy = new ArrayList<>();
        index.listen(new ProvisioningViewIndex.Listener() {
            @Override
            public void changed(ViewChange change) {
            }

            @Override
            public void replaced(ViewPosition position) {
                replacedBy.add(position);
            }
        });

        index.follow(StatusLog.TOPIC_ID, 1, StatusLog.DELETION_RETENTION);
        assertThat(index.find("app-1")).as("the same topic again keeps everything").isPresent();
        index.follow("b3RoZXItdG9waWMtaWQtMQ", 1, StatusLog.DELETION_RETENTION);

        assertThat(index.find("app-1")).isEmpty();
        assertThat(index.bannerCount("acme")).isZero();
        assertThat(replacedBy).singleElement().extracting(ViewPosition::topicId).isEqualTo("b3RoZXItdG9waWMtaWQtMQ");
    }

    private static ViewPosition start() {
        return ViewPosition.start(StatusLog.TOPIC_ID, 1);
    }

    private static List<ApplicationProvisioningView> views(List<HeldView> held) {
        return held.stream().map(HeldView::view).toList();
    }
}
