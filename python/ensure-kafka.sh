#!/usr/bin/env bash
# Provision the Kafka JARs of the local test of scripts/publish_events.py against a real broker,
# and print the folder that holds them:
#   broker/  a Kafka broker runnable on Java 17 in KRaft mode (org.apache.kafka:kafka_2.13) with
#            Kafka's command-line tools (kafka-tools: TopicCommand, ConsoleConsumer) and a log4j
#            binding, all with their runtime dependencies (java -cp 'broker/*' kafka.Kafka ...);
#   spark/   Spark's Kafka data source for PySpark 3.5 (spark-sql-kafka-0-10_2.12) and the JARs it
#            brings that PySpark's own jars/ lacks (the token provider, kafka-clients,
#            commons-pool2), for spark-submit --jars.
#
# Cached outside the clone like the SQLite JDBC driver, in $TRIBUTARY_JARS_ROOT (default
# ~/.cache/tributary/jars); a second run reuses it at once. The first run downloads about 60 MB
# from Maven Central with `mvn dependency:copy-dependencies` on a throwaway POM (install time, like
# the venv; tests never download).
#
# Versions: the broker is Kafka 4.1.1 (a version Amazon MSK offers). The connector is 3.5.3, not
# the 3.5.5 that EMR 7.9/7.10 jobs fetch (SPARK_KAFKA_PACKAGE in lib/targets/emr/jobs.ts):
# the registry this project's machines reach serves no spark-sql-kafka-0-10_2.12 3.5.4, 3.5.5 or
# 3.5.6. 3.5.3 has the same dependencies (kafka-clients 3.4.1, commons-pool2 2.11.1) and runs on
# Spark 3.5.5.
set -euo pipefail
kafka_version="4.1.1"
log4j_version="2.24.3"
connector_version="3.5.3"
root="${TRIBUTARY_JARS_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/tributary/jars}"
dir="$root/kafka-$kafka_version-spark-sql-kafka-$connector_version"
if [ ! -f "$dir/.complete" ]; then
  echo "ensure-kafka: fetching Kafka $kafka_version and spark-sql-kafka-0-10_2.12 $connector_version (first run)" >&2
  mkdir -p "$root"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  dep() { echo "<dependency><groupId>$1</groupId><artifactId>$2</artifactId><version>$3</version>${4:-}</dependency>"; }
  exclude() { local x=""; for ga in "$@"; do x="$x<exclusion><groupId>${ga%%:*}</groupId><artifactId>${ga#*:}</artifactId></exclusion>"; done; echo "<exclusions>$x</exclusions>"; }
  pom() {
    cat > "$work/$1.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>tributary.local</groupId>
  <artifactId>$1</artifactId>
  <version>0</version>
  <packaging>pom</packaging>
  <dependencies>$2</dependencies>
</project>
EOF
    mvn --batch-mode --quiet -Dstyle.color=never -f "$work/$1.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$work/out/$1" -Dmaven.repo.local="$work/repo" >&2
  }
  # The tools without Kafka Connect's runtime (its web server), which neither tool uses.
  pom broker "$(dep org.apache.kafka kafka_2.13 "$kafka_version")$(dep org.apache.kafka kafka-tools "$kafka_version" "$(exclude org.apache.kafka:connect-runtime)")$(dep org.apache.logging.log4j log4j-slf4j-impl "$log4j_version")"
  # Only what PySpark's jars/ lacks: Hadoop's client, Scala, compression and logging are there.
  pom spark "$(dep org.apache.spark spark-sql-kafka-0-10_2.12 "$connector_version" "$(exclude org.apache.hadoop:hadoop-client-runtime org.apache.hadoop:hadoop-client-api org.scala-lang:scala-library org.apache.spark:spark-tags_2.12 org.slf4j:slf4j-api org.lz4:lz4-java org.xerial.snappy:snappy-java com.github.luben:zstd-jni com.google.code.findbugs:jsr305 commons-logging:commons-logging)")"
  touch "$work/out/.complete"
  rm -rf "$dir"
  mv "$work/out" "$dir"
fi
echo "$dir"
