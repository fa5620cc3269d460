#!/bin/sh
# Put the student version of the lessons where every student's server picks it up, run by a teacher
# (a member of the teachers' group) or by root, from a checkout of the kit:
#   deploy/jupyterhub/hand-out.sh CLASS_DIR [PYTHON]
# The hub copies CLASS_DIR/handout into each student's ~/lessons at their next server start, and
# never overwrites a file a student already has. kit-class.json tells the kit where the class folder is.
set -eu
if [ "$#" -lt 1 ]; then echo "usage: $0 CLASS_DIR [PYTHON]" >&2; exit 2; fi
dir=$1; python=${2:-python3}
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$dir/handout" ]; then
  echo "No folder $dir/handout: make the class folder first (class-folder.sh)." >&2; exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m kit build --source "$here/notebooks" --student "$tmp/student" --key "$tmp/key" >/dev/null
if [ -L "$dir/handout" ]; then
  echo "$dir/handout is a link: nothing was handed out. Make the class folder again (class-folder.sh)." >&2; exit 1
fi
# A file already there is removed first (rm removes a link itself, never its target), so a link
# planted in handout/ cannot make this script (perhaps run as root) write elsewhere.
for nb in "$tmp"/student/*.ipynb; do
  rm -f "$dir/handout/$(basename "$nb")"
  install -m 0644 "$nb" "$dir/handout/"
done
printf '{"class_dir": "%s"}\n' "$dir" > "$tmp/kit-class.json"
rm -f "$dir/handout/kit-class.json"
install -m 0644 "$tmp/kit-class.json" "$dir/handout/kit-class.json"
echo "handed out to $dir/handout:"
ls "$dir/handout"
