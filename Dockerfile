# Ponte's container image: the fat jar on a JRE. Build the jar first (./mvnw verify, or -DskipTests package),
# then: docker build -t ponte .   (docker compose up builds it for you)
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app ponte
WORKDIR /app
COPY target/ponte.jar /app/ponte.jar
# the integrator's flows, mappings, message templates and configuration; mount your own over them
COPY routes/ /app/routes/
COPY mappings/ /app/mappings/
COPY templates/ /app/templates/
COPY application.yml /app/application.yml
USER ponte
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/ponte.jar"]
