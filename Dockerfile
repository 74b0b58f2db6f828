# The coopwatch CLI in a container: every pipeline role (topics, produce, streams, sink) is a command of it.
# Build the jar first (./coopwatch --version builds it, or mvn package), then: docker build -t coopwatch .
FROM eclipse-temurin:17-jre

RUN useradd --system --uid 10001 --create-home --home-dir /var/lib/coopwatch coopwatch
COPY app/target/coopwatch.jar /opt/coopwatch/coopwatch.jar

USER coopwatch
WORKDIR /var/lib/coopwatch
# data.dir: stream state, SQLite and JSON Lines unless configured otherwise; mount a volume here
ENV COOPWATCH_DATA_DIR=/var/lib/coopwatch \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME /var/lib/coopwatch

ENTRYPOINT ["java", "-jar", "/opt/coopwatch/coopwatch.jar"]
CMD ["--help"]
