# make_served_course DIR N: N lessons lessonK.md (K = 1..N) in DIR/lessons,
# each with its own video served from DIR/served (the sample video, made
# distinct per lesson by a different metadata title so each has its own
# bytes), and prints nothing. Needs BASE_URL (start_server DIR/served after).
# The videos: ffmpeg -c copy of the sample with -metadata title=lessonK.
make_served_videos() {
  local dir=$1 n=$2 k
  mkdir -p "$dir/served" "$dir/lessons"
  for k in $(seq 1 "$n"); do
    ffmpeg -v error -i "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" -c copy -metadata title="lesson$k" \
      -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4 "$dir/served/lesson$k-1080-fragmented.mp4"
  done
}

# write_lessons DIR N: the lesson files, pointing at BASE_URL.
write_lessons() {
  local dir=$1 n=$2 k
  for k in $(seq 1 "$n"); do
    cat >"$dir/lessons/lesson$k.md" <<LESSON
---
area: Domaine 1
title: Leçon $k
videoDownloadHref: $BASE_URL/lesson$k-1080-fragmented.mp4
---

## Transcription

Texte de la leçon $k.
LESSON
  done
}

# write_course FILE ID LESSON... : a course manifest over lessons/lessonK.md.
write_course() {
  local file=$1 id=$2 k
  shift 2
  {
    printf 'id: %s\ntitle: Cours %s\nversion: 1.0.0\nlessons:\n' "$id" "$id"
    for k in "$@"; do printf '  - lessons/lesson%s.md\n' "$k"; done
  } >"$file"
}
