#!/usr/bin/env bash
# Fills data/images/ (git-ignored) with the training images of the default model, all from Debian 12
# packages whose licences are listed in src/Runtime/DefaultModel/TRAINING.md:
#   python3-skimage             scikit-image sample photographs and textures (CC0 / public domain)
#   warzone2100-data            Warzone 2100 game texture pages (GPL-2+)
#   plasma-workspace-wallpapers KDE Plasma wallpapers, photographs and art (LGPL-3 / CC-BY-SA)
# The images shipped in tests/Images are held out: their sources are not extracted here.
#   scripts/fetch-training-data.sh [DEST]      (default: data/images)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${1:-$root/data/images}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest/photos" "$dest/textures" "$dest/wallpapers"
cd "$work"
apt-get download python3-skimage warzone2100-data plasma-workspace-wallpapers >/dev/null 2>&1 || {
  echo "error: apt-get download failed; run 'sudo apt-get update' and check the network." >&2; exit 1; }
for deb in *.deb; do dpkg -x "$deb" x; done

# scikit-image: colour and grey photographs and CC0 textures; coffee and chelsea are test images, left out.
sk=x/usr/lib/python3/dist-packages/skimage/data
for name in astronaut rocket motorcycle_left motorcycle_right hubble_deep_field camera brick grass gravel text page color; do
  for ext in png jpg; do [[ -f $sk/$name.$ext ]] && cp "$sk/$name.$ext" "$dest/photos/"; done
done

# Warzone 2100: the PNG texture pages; two pages are test images, left out.
(cd x/usr/share/games/warzone2100 && unzip -qo base.wz 'texpages/*.png' -d "$work/wz")
for f in "$work"/wz/texpages/*.png; do
  case $(basename "$f") in page-30-features-rockies.png|page-7-barbarians-arizona.png|*_norm.png|*_spec.png|*_nm.png|*_sm.png|*_tcmask.png) continue ;; esac
  cp "$f" "$dest/textures/"
done

# Plasma: the largest rendition of each wallpaper.
for dir in x/usr/share/wallpapers/*/contents/images; do
  name=$(basename "$(dirname "$(dirname "$dir")")")
  best=$(ls -S "$dir" | head -1)
  cp "$dir/$best" "$dest/wallpapers/$name.${best##*.}"
done
echo "$(find "$dest" -type f | wc -l) images in $dest"
