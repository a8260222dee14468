package dev.provisioningstatus.gateway.registration;

/** The deletion was committed; the application's view follows its deprovisioning until it is gone. */
public record DeletionAccepted(String applicationId) {
}
