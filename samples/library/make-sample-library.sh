#!/usr/bin/env bash
# Generates the tiny sample library of samples/channels/space-library.json with ffmpeg: labelled clips and stills drawn
# from lavfi sources (nothing downloaded, royalty-free by construction). Deterministic; re-running rewrites the files.
# Usage: samples/library/make-sample-library.sh [OUT_DIR]   (default: samples/library/space next to this script)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/space}"
mkdir -p "$out/moon" "$out/earth" "$out/sun"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
[ -f "$font" ] || font="$(fc-match -f '%{file}' 'DejaVu Sans:bold' 2>/dev/null || true)"

label() { # text → drawtext filter (big label in the middle, small caption at the bottom)
  printf "drawtext=fontfile=%s:text='%s':fontcolor=white:fontsize=h/16:borderw=3:bordercolor=black:x=(w-tw)/2:y=(h-th)/2" "$font" "$1"
}
clip() { # name seconds size source label
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$3" -t "$2" -vf "$(label "$4"),format=yuv420p" \
    -c:v libx264 -preset medium -crf 34 -r 24 -an -map_metadata -1 -fflags +bitexact -flags:v +bitexact -movflags +faststart "$out/$1"
}
still() { # name source label
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$2" -frames:v 1 -vf "$(label "$3")" -map_metadata -1 -fflags +bitexact -flags:v +bitexact "$out/$1"
}

# Clips (portrait unless said otherwise), 2–4 s.
clip moon/moon-surface-craters.mp4 4 "mandelbrot=size=360x640:rate=24:start_scale=0.5:end_scale=0.4" "MOON CRATERS"
clip moon/moon-orbit-earth.mp4 4 "gradients=size=360x640:rate=24:c0=#101018:c1=#d0d0d0:x0=180:y0=320:x1=300:y1=520:type=radial:speed=0.04:seed=7" "MOON ORBIT"
clip earth/ocean-waves-tide.mp4 4 "gradients=size=360x640:rate=24:c0=#003a70:c1=#00a0c8:x0=0:y0=0:x1=360:y1=640:speed=0.05:seed=3" "OCEAN TIDE"
clip rocket-launch.mp4 2 "testsrc2=size=360x640:rate=24" "ROCKET LAUNCH"
clip sun/solar-eclipse-sun.mp4 4 "gradients=size=640x360:rate=24:c0=#000000:c1=#ffb000:x0=320:y0=180:x1=640:y1=360:type=radial:speed=0.03:seed=5" "SOLAR ECLIPSE"
clip clock-time.mp4 3 "testsrc=size=360x640:rate=24" "CLOCK TIME"

# Stills (slow pan/zoom when used).
still earth/earth-tides-ocean.png "gradients=size=360x640:c0=#0a2a5a:c1=#3fa7d6:type=linear:seed=11" "EARTH TIDES"
still moon/apollo-laser-reflector.png "cellauto=size=360x640:rule=110:seed=4" "LASER REFLECTOR"
still earth/earth-day-night.png "gradients=size=360x640:c0=#02040a:c1=#2f6fb0:x0=0:y0=320:x1=360:y1=320:seed=13" "EARTH DAY NIGHT"
still sun/solar-eclipse-corona.png "gradients=size=640x640:c0=#000000:c1=#fff4c0:x0=320:y0=320:x1=420:y1=420:type=radial:seed=17" "CORONA"
still milky-way-stars.png "gradients=size=360x640:c0=#05010f:c1=#3b1f5c:type=radial:seed=2" "MILKY WAY"

# Sidecars: more words to be found by.
printf 'Apollo 11 crew left a laser retroreflector; scientists measure the Earth Moon distance to millimetres\n' > "$out/moon/apollo-laser-reflector.txt"
printf 'days get longer: milliseconds per century, a clock ticking\n' > "$out/clock-time.txt"
printf "a day on Earth grows longer by milliseconds every century as the spin slows\n" > "$out/earth/earth-day-night.txt"
printf 'total solar eclipse, the Moon covers the Sun\n' > "$out/sun/solar-eclipse-sun.txt"
# Tags for a folder, by file name.
cat > "$out/earth/tags.json" <<'JSON'
{
  "ocean-waves-tide.mp4": ["oceans", "tides", "pull", "spin", "sea"],
  "earth-tides-ocean.png": ["Earth", "spin", "oceans", "tidal bulge"]
}
JSON
echo "sample library written to $out"
