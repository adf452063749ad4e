#!/usr/bin/env bash
# Render DIR/briefing.pptx to one PNG per slide (DIR/slides/slide-NN.png) so a person can look at
# every slide as it will be shown: LibreOffice Impress (headless) to PDF, then poppler's pdftoppm.
#
#   scripts/render_deck.sh briefing            # after `python -m dashboard export --out briefing`
#   RESOLUTION=120 scripts/render_deck.sh DIR  # sharper PNGs (default 60 dpi: 800x450 per slide)
#
# Installs libreoffice-impress and poppler-utils with apt-get when they are missing (needs root).
set -euo pipefail

dir="${1:?usage: scripts/render_deck.sh DIR (the folder holding briefing.pptx)}"
deck="$dir/briefing.pptx"
resolution="${RESOLUTION:-60}"
[[ -f "$deck" ]] || { echo "error: $deck not found; run \`python -m dashboard export --out $dir\` first" >&2; exit 2; }

missing=()
command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-impress)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "error: ${missing[*]} missing; install with: sudo apt-get install -y ${missing[*]}" >&2
        exit 2
    fi
    echo "installing ${missing[*]} …" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" fonts-liberation fonts-dejavu-core >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private LibreOffice profile: no clash with a running instance, no first-start dialogs.
libreoffice -env:UserInstallation="file://$work/profile" --headless --norestore \
    --convert-to pdf --outdir "$work" "$deck" >"$work/convert.log" 2>&1 || {
    cat "$work/convert.log" >&2
    exit 1
}
[[ -f "$work/briefing.pdf" ]] || { echo "error: LibreOffice wrote no PDF" >&2; cat "$work/convert.log" >&2; exit 1; }

out="$dir/slides"
mkdir -p "$out"
rm -f "$out"/slide-*.png
cp "$work/briefing.pdf" "$out/briefing.pdf"
pdftoppm -png -r "$resolution" "$work/briefing.pdf" "$out/slide"
ls -1 "$out"/slide-*.png
