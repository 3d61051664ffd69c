#!/bin/sh
# Regenerates the editor's screenshots in docs/screens/ (every sample at 1400x900, the hover cards
# of a node, a MatMul edge and an isomorphism class, the Paths filter, the status bar, the recovery
# notification, the Explain view, the dark theme) under Xvfb.
# Usage: scripts/screenshots.sh [SAMPLE...]   (needs xvfb-run; builds the jars without tests)
#        scripts/screenshots.sh cards        (only the Paths filter and class card)
set -e
cd "$(dirname "$0")/.."
mvn -o -q -B -DskipTests package
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
xvfb-run -a -s "-screen 0 1920x1080x24" java -Duser.home="$home" -Dprism.order=sw \
  -cp "app/target/app-0.1.0-SNAPSHOT.jar:$(cat app/target/classpath.txt)" \
  org.tpe.app.editor.Screenshots docs/screens "$@"
