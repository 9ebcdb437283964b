#!/usr/bin/env bash
# Prints the class path of the sbi4j library (sbi4j-workflow, which brings core, tasks and plot)
# and its Maven dependencies, from the local Maven repository: for javac/java -cp in programs
# that use sbi4j as a library (examples/java). Run ./sbi4j once first: its build installs the
# library modules into ~/.m2. No picocli, progressbar or logging binding is on it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# the version of the 'java' on the caller's PATH (before find-jdk.sh puts a JDK 25 first)
default_major=$( (java -version 2>&1 || true) | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
. "$root/scripts/find-jdk.sh"
sbi4j_find_jdk >/dev/null || exit 1
# The jars are Java 25 class files: an older default 'java' stops with UnsupportedClassVersionError.
if [ -n "$default_major" ] && [ "$default_major" -lt "$sbi4j_required_java" ]; then
  echo "note: the 'java' on your PATH is version $default_major; it stops with" \
    "UnsupportedClassVersionError on these jars. Use $JAVA_HOME/bin/javac and" \
    "$JAVA_HOME/bin/java (JDK $sbi4j_required_java+), e.g. after" \
    ". scripts/find-jdk.sh && sbi4j_find_jdk" >&2
fi
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)
jar="$HOME/.m2/repository/org/sbi4j/sbi4j-workflow/$version/sbi4j-workflow-$version.jar"
if [ ! -f "$jar" ]; then
  echo "error: $jar is missing; run ./sbi4j once (it installs the library modules)" >&2
  exit 1
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
mvn -B -q -ntp -f "$root/sbi4j-workflow/pom.xml" dependency:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$out" >&2
printf '%s:%s\n' "$jar" "$(cat "$out")"
