package dev.provisioningstatus.events;

/** An event about one application, keyed by its id: every record of one application lands in one partition, in order. */
public interface ApplicationEvent extends ContractEvent {

    String applicationId();

    @Override
    default String subject() {
        return applicationId();
    }
}
