#!/usr/bin/env bash
# Synthesises samples/music/tracks/calm-orbit.m4a: a 16 s loopable track made only of sine tones and seeded noise
# (royalty-free by construction: nothing recorded or sampled). Four chords of 4 s each (Am F C G) as a soft pad whose
# envelope is silent at every chord change, a plucked bass on every half beat and a quiet seeded hi-hat on the
# off-beats; 16 s is a whole number of beats, so the end joins the start without a seam when the assembler loops it.
#   samples/music/make-sample-music.sh [output.m4a]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/tracks/calm-orbit.m4a}"
mkdir -p "$(dirname "$out")"

# Chord roots (Hz) per 4 s: A3 F3 C3 G3; the pad plays root, third and fifth, the bass the root an octave down.
root='if(lt(t,4),220,if(lt(t,8),174.61,if(lt(t,12),130.81,196)))'
third='if(lt(t,4),261.63,if(lt(t,8),220,if(lt(t,12),164.81,246.94)))'
fifth='if(lt(t,4),329.63,if(lt(t,8),261.63,if(lt(t,12),196,293.66)))'
pad_env='min(1,mod(t,4)/0.6)*min(1,(4-mod(t,4))/0.9)'
pluck_env='exp(-9*mod(t,0.5))'
hat_env='exp(-70*mod(t+0.25,0.5))'
left="0.16*${pad_env}*(sin(2*PI*${root}*t)+0.8*sin(2*PI*${third}*t)+0.7*sin(2*PI*${fifth}*t))+0.22*${pluck_env}*sin(PI*${root}*t)+0.05*${hat_env}*(2*random(0)-1)"
right="0.16*${pad_env}*(sin(2*PI*${root}*1.003*t)+0.8*sin(2*PI*${third}*0.998*t)+0.7*sin(2*PI*${fifth}*1.002*t))+0.22*${pluck_env}*sin(PI*${root}*t)+0.05*${hat_env}*(2*random(1)-1)"

ffmpeg -hide_banner -v error -y -f lavfi -i "aevalsrc=exprs='${left}|${right}':s=44100:d=16" \
  -af "lowpass=f=6000,volume=0.9" -c:a aac -b:a 64k -map_metadata -1 -fflags +bitexact -flags:a +bitexact -movflags +faststart "$out"
printf '%s (%s bytes)\n' "$out" "$(stat -c %s "$out")"
