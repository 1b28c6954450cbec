#!/usr/bin/env bash
# Refreshes the browser libraries vendored in src/Lantern.Web/Assets/lib/ from the npm registry.
# The build never runs npm: these files are committed, so an air-gapped machine builds with the .NET SDK
# alone. Run this on a connected machine when upgrading; change the versions below, then review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."

# package@version  file in the package to vendor  (the package's licence is copied beside it)
libs=(
    "cytoscape@3.35.0       dist/cytoscape.min.js"
    "cytoscape-fcose@2.2.0  cytoscape-fcose.js"
    "cose-base@2.2.0        cose-base.js"
    "layout-base@2.0.1      layout-base.js"
    "echarts@6.1.0          dist/echarts.min.js"
)

target=src/Lantern.Web/Assets/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$target"

for entry in "${libs[@]}"; do
    read -r spec file <<<"$entry"
    name=${spec%@*}
    tarball=$(cd "$work" && npm pack --silent "$spec")
    mkdir -p "$work/$name"
    tar -xzf "$work/$tarball" -C "$work/$name" --strip-components=1
    cp "$work/$name/$file" "$target/"
    licence=$(find "$work/$name" -maxdepth 1 -iname 'LICEN[CS]E*' | head -n 1)
    [ -n "$licence" ] || { echo "no licence file in $spec" >&2; exit 1; }
    cp "$licence" "$target/$name.LICENSE"
    echo "$spec -> $target/$(basename "$file")"
done
