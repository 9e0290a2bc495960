#!/usr/bin/env bash
# Refreshes the vendored front-end files under src/ServiceRecovery.Web/wwwroot/lib from npm, and builds
# wwwroot/icons.svg, a sprite of only the Bootstrap Icons named in scripts/icons.txt (one <symbol> each).
# The app serves them itself (no CDN), so pages work offline. Run after changing a version below or the
# icon list, then commit the result.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
wwwroot="$here/src/ServiceRecovery.Web/wwwroot"
lib="$wwwroot/lib"
icons="$here/scripts/icons.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent bootstrap@5.3.9 bootstrap-icons@1.13.2 chart.js@4.6.1 htmx.org@2.0.11
rm -rf "$lib" && mkdir -p "$lib/bootstrap" "$lib/bootstrap-icons" "$lib/chart.js" "$lib/htmx"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map "$lib/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map "$lib/bootstrap/"
cp node_modules/bootstrap/LICENSE "$lib/bootstrap/LICENSE"
cp node_modules/bootstrap-icons/LICENSE "$lib/bootstrap-icons/LICENSE"
cp node_modules/chart.js/dist/chart.umd.min.js "$lib/chart.js/"
cp node_modules/chart.js/LICENSE.md "$lib/chart.js/LICENSE.md"
cp node_modules/htmx.org/dist/htmx.min.js "$lib/htmx/"
cp node_modules/htmx.org/LICENSE "$lib/htmx/LICENSE"
# The sprite: each icon's drawing (what is inside its <svg>) becomes a <symbol id="name"> with the icon's
# viewBox; pages draw one with <svg class="bi"><use href="/icons.svg#name"></use></svg> (the <icon> tag helper).
{
  printf '<svg xmlns="http://www.w3.org/2000/svg">\n'
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$icons" | while read -r name; do
    file="node_modules/bootstrap-icons/icons/$name.svg"
    [ -f "$file" ] || { echo "no such Bootstrap icon: $name" >&2; exit 1; }
    grep -q 'viewBox="0 0 16 16"' "$file" || { echo "$name is not drawn on a 16 by 16 box" >&2; exit 1; }
    body=$(tr -d '\n' <"$file" | sed -e 's|^<svg[^>]*>||' -e 's|</svg>[[:space:]]*$||' -e 's|>[[:space:]]*<|><|g' -e 's|^[[:space:]]*||' -e 's|[[:space:]]*$||')
    printf '<symbol id="%s" viewBox="0 0 16 16">%s</symbol>\n' "$name" "$body"
  done
  printf '</svg>\n'
} >"$work/icons.svg"
mv "$work/icons.svg" "$wwwroot/icons.svg"
echo "vendored into $lib:"; find "$lib" -type f | sed "s|$lib/||" | sort
echo "icons.svg: $(grep -c '<symbol' "$wwwroot/icons.svg") icons from $icons"
