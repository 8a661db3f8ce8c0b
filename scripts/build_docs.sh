#!/usr/bin/env bash
# Builds the DocC documentation with the toolchain's own docc (no plugin, no dependency):
# symbol graphs from a build of the library, then `docc convert` of the catalog
# Sources/Objectives/Objectives.docc (the landing page) with the guides of Docs/ added as articles
# (their pictures as resources, referred to by file name as DocC expects).
#   scripts/build_docs.sh [OUTPUT]        default OUTPUT: .build-docs/Objectives.doccarchive
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build-docs/Objectives.doccarchive}
graphs=.build-docs/symbol-graphs
mkdir -p "$graphs"
swift build --scratch-path .build-docs --target Objectives \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs"
docc=$(command -v docc || echo "$(dirname "$(command -v swift)")/docc")
catalog=.build-docs/Objectives.docc
rm -rf "$catalog" && cp -R Sources/Objectives/Objectives.docc "$catalog"
mkdir -p "$catalog/Resources" && cp Docs/images/* "$catalog/Resources/"
for guide in Docs/*.md; do
  sed -e 's#](images/#](#g' -e 's#](\([A-Za-z-]*\)\.md)#](doc:\1)#g' -e 's#](Docs/\([A-Za-z-]*\)\.md)#](doc:\1)#g' \
    "$guide" > "$catalog/$(basename "$guide")"
done
"$docc" convert "$catalog" \
  --additional-symbol-graph-dir "$graphs" \
  --fallback-display-name Objectives --fallback-bundle-identifier org.objectives.Objectives \
  --output-path "$out" "${@:2}"
echo "wrote $out"
