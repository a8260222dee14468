package dev.provisioningstatus.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.Ids;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class ApplicationRegistrationValidatorTest {

    private final ApplicationRegistrationValidator validator = new ApplicationRegistrationValidator();

    private static RegisterApplicationRequest request(String applicationId, String name, String... environments) {
        return new RegisterApplicationRequest(applicationId, name, "acme", "Acme Corp", Arrays.asList(environments));
    }

    @Test
    void aCompleteRequestIsAccepted() {
        ValidRegistration registration = validator.validate(request("payments", "Payments", "dev", "prod"));

        assertThat(registration.applicationId()).isEqualTo("payments");
        assertThat(registration.environments()).containsExactly(Environment.DEV, Environment.PROD);
    }

    @Test
    void aMissingApplicationIdIsMadeFromTheName() {
        ValidRegistration registration = validator.validate(request(null, "Payments Service (EU)", "dev"));

        assertThat(registration.applicationId()).startsWith("payments-service-eu-");
        assertThat(Ids.isValid(registration.applicationId())).isTrue();
    }

    @Test
    void aGeneratedIdStaysWithinTheIdLimitsForLongNames() {
        assertThat(Ids.isValid(validator.validate(request(null, "x".repeat(200), "dev")).applicationId())).isTrue();
        assertThat(Ids.isValid(validator.validate(request(null, "!!!", "dev")).applicationId())).isTrue();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> validator.validate(new RegisterApplicationRequest("Bad Id", " ", "ACME", null, List.of())))
                .isInstanceOfSatisfying(ErrorResponseException.class, problem -> assertThat(problem.getBody().getDetail())
                        .contains("applicationId", "name", "workspaceId", "workspaceName", "environments"));
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        assertThatThrownBy(() -> validator.validate(request("payments", "Payments", "dev", "qa")))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        problem -> assertThat(problem.getBody().getDetail()).contains("dev, stage, prod"));
    }

    @Test
    void aRepeatedEnvironmentIsRefused() {
        assertThatThrownBy(() -> validator.validate(request("payments", "Payments", "dev", "dev")))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void controlCharactersInNamesAreRefused() {
        assertThatThrownBy(() -> validator.validate(request("payments", "Pay\r\nments", "dev")))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void aNameLongerThanTheContractAllowsIsRefused() {
        assertThatThrownBy(() -> validator.validate(request("payments", "x".repeat(201), "dev")))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void aMissingBodyIsRefused() {
        assertThatThrownBy(() -> validator.validate(null)).isInstanceOf(ErrorResponseException.class);
    }
}
