# One image recipe for the three services. It packages the runnable jar Maven already built and tested
# (`mvn -B -DskipTests package` leaves services/<service>/target/<service>-<version>-exec.jar), so the image
# holds exactly what CI tested, and the build needs neither Maven nor Node inside Docker. The jar is unpacked
# into Spring Boot's layers: dependencies change rarely, so a code change rebuilds and pushes only the small
# application layer.
#
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=gateway -t provisioning-status/gateway .
ARG JAVA_IMAGE=eclipse-temurin:17-jre

FROM ${JAVA_IMAGE} AS layers
ARG SERVICE
WORKDIR /build
COPY services/${SERVICE}/target/${SERVICE}-*-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

FROM ${JAVA_IMAGE}
ARG SERVICE
LABEL org.opencontainers.image.title="provisioning-status-${SERVICE}" \
      org.opencontainers.image.description="Provisioning Status: ${SERVICE}"
# An unprivileged user; /var/lib/provisioning-status is where a service may keep local state (the status
# view's RocksDB), owned by that user so a fresh volume mounted there is writable.
RUN groupadd --system app \
 && useradd --system --gid app --home-dir /app --no-create-home app \
 && mkdir -p /var/lib/provisioning-status \
 && chown app:app /var/lib/provisioning-status
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER app
# Heap from the container's memory limit, leaving room for metaspace, threads and RocksDB; an
# OutOfMemoryError ends the process so the restart policy replaces it instead of it limping on.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
