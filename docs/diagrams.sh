#!/usr/bin/env bash
# Regenerates the diagrams in docs/ with `tpe export`: one PNG per sample (docs/<sample>.png)
# and the first backward pass with the path class W², W²ᵀ lit (docs/mlp-backward-class.png).
# Builds with `mvn package` (never install); extra arguments go to Maven (e.g. -o offline).
# Look at every PNG after running it. The editor screenshots (docs/editor-*.png) are not made here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -DskipTests "$@" package)
jar=$(ls "$root"/app/target/app-*.jar | head -1)
cp="$jar:$(cat "$root/app/target/classpath.txt")"
tpe() { java -Djava.awt.headless=true -cp "$cp" org.tpe.app.Main "$@"; }
for f in "$root"/samples/src/main/resources/org/tpe/samples/*.tp; do
  name=$(basename "$f" .tp)
  tpe export "$f" --format png --scale 1.5 -o "$root/docs/$name.png"
  echo "docs/$name.png"
done
tpe export "$root/samples/src/main/resources/org/tpe/samples/mlp-backward.tp" --format png \
  --scale 1.5 --highlight-class W2,W2^T -o "$root/docs/mlp-backward-class.png"
echo "docs/mlp-backward-class.png"
step=$(mktemp --suffix=.tp)
tpe derive train "$root/samples/src/main/resources/org/tpe/samples/train-linear.tp" --steps 1 \
  -o "$step" > /dev/null
tpe export "$step" --format png --scale 1.2 -o "$root/docs/train-linear-step.png"
rm -f "$step"
echo "docs/train-linear-step.png"
