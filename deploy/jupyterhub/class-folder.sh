#!/bin/sh
# Make (or repair) the class folder on a shared server, run as root:
#   class-folder.sh CLASS_DIR TEACHERS_GROUP [TEACHER_USER ...]
# Teachers (members of TEACHERS_GROUP) read every submission and keep their files beside it;
# each student can create and replace only their own file in CLASS_DIR/submissions (a drop box).
set -eu
if [ "$#" -lt 2 ]; then
  echo "usage: $0 CLASS_DIR TEACHERS_GROUP [TEACHER_USER ...]" >&2; exit 2
fi
if [ "$(id -u)" != "0" ]; then
  echo "Run this as root (sudo): it sets owners and permissions." >&2; exit 1
fi
dir=$1; group=$2; shift 2
getent group "$group" >/dev/null || groupadd --system "$group"
for teacher in "$@"; do
  id "$teacher" >/dev/null 2>&1 || { echo "No user called $teacher: create the account first." >&2; exit 1; }
  usermod -a -G "$group" "$teacher"
done
# Root follows no link here: a teacher can write in the class folder, so a link planted at
# submissions/ or handout/ would make chown and chmod (which follow links) act on its target.
for d in "$dir" "$dir/submissions" "$dir/handout"; do
  if [ -L "$d" ] || { [ -e "$d" ] && [ ! -d "$d" ]; }; then
    echo "$d is a link or not a folder: nothing was changed. Move it aside and run this again." >&2; exit 1
  fi
done
mkdir -p "$dir/submissions" "$dir/handout"
chown -h root:"$group" "$dir" "$dir/submissions" "$dir/handout"
# class folder: teachers rwx, students may only pass through (no listing, no reading teachers' files
# unless a file is readable to all: the hub's umask 027 keeps the teachers' files private)
chmod 2771 "$dir"
# drop box: setgid (files get the teachers' group), sticky (only a file's owner may replace or delete
# it), others -wx (students create their own file but cannot list the folder). The kit writes each
# submission 0640 under a name no classmate can guess, so only its owner and the teachers read it.
chmod 3773 "$dir/submissions"
# the student version: teachers write, students read
chmod 2775 "$dir/handout"
echo "class folder ready: $dir (teachers: group $group)"
ls -ld "$dir" "$dir/submissions" "$dir/handout"
