#!/usr/bin/env bash
# Fills data/images/ (git-ignored) with the training images of the default model and the texture folders
# of the capture scenes, all from Debian 12 packages whose licences are listed in
# src/Runtime/DefaultModel/TRAINING.md:
#   python3-skimage             scikit-image sample photographs and textures (CC0 / public domain)  -> photos/
#   warzone2100-data            Warzone 2100 game texture pages (GPL-2+)                              -> textures/
#   plasma-workspace-wallpapers KDE Plasma wallpapers, photographs and art (LGPL-3 / CC-BY-SA)      -> wallpapers/
#   extremetuxracer-data        Extreme Tux Racer terrain textures: snow, ice, rock, grass (GPL-2+)  -> terrains/
# and, beside it in data/heldout/ (never under data/images, so no training run reads it), the textures of
# the held-apart scene, from a game none of the training data comes from:
#   openarena-081-textures      OpenArena wall, floor, trim and organic textures (GPL-2+)            -> ../heldout/openarena/
# The images shipped in tests/Images are held out: their sources are not extracted here.
#   scripts/fetch-training-data.sh [DEST]      (default: data/images; the held-apart textures go to DEST/../heldout)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${1:-$root/data/images}
heldout=$(dirname "$dest")/heldout/openarena
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$dest/photos" "$dest/textures" "$dest/wallpapers" "$dest/terrains" "$heldout"
cd "$work"
apt-get download python3-skimage warzone2100-data plasma-workspace-wallpapers extremetuxracer-data openarena-081-textures >/dev/null 2>&1 || {
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
# Extreme Tux Racer: the terrain textures (the course and environment maps are not textures).
cp x/usr/share/games/etr/terrains/*.png "$dest/terrains/"

# OpenArena: surfaces of the held-apart scene (walls, floors, trims, supports, organics): the JPEGs only
# (its TGAs are nearly all alpha-masked decals, grates and wires, whose hidden colours would show), without
# light, glow, blend and normal maps. The marker file keeps every training scene away from the folder.
unzip -qo x/usr/share/games/openarena/baseoa/pak4-textures.pk3 'textures/*' -d oa
for set in base_floor base_wall base_wall2 base_trim base_support gothic_block gothic_floor gothic_wall gothic_trim \
           evil1_walls evil1_floors evil1_metals evil1_grates evil4_walls evil8_wall evil8_floor \
           cosmo_wall cosmo_floor cosmo_block organics e7; do
  mkdir -p "$heldout/$set"
  find "oa/textures/$set" -maxdepth 1 -type f -name '*.jpg' \
    | grep -v -i -E 'glow|blend|_nm|norm|bump|fog|light' | while read -r f; do cp "$f" "$heldout/$set/"; done
done
printf '%s\n' "Textures of the held-apart scene (heldout-harbour), from openarena-081-textures (GPL-2+)." \
  "gdpo-sr capture refuses this folder for every training scene: never train on these images." >"$heldout/HELD-APART"
echo "$(find "$dest" -type f | wc -l) images in $dest; $(find "$heldout" -type f ! -name HELD-APART | wc -l) held-apart textures in $heldout"
