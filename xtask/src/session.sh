# A private desktop session for tests: an Xvfb display, a D-Bus session bus and
# an unlocked gnome-keyring Secret Service, inside the XDG and HOME folders that
# xtask prepared.
#   sh session.sh DISPLAY_NUMBER COMMAND [ARGS...]
# Exits with COMMAND's status, or 75 when the display number was taken.
set -u

if [ "${1:-}" = "--with-secret-service" ]; then
    shift
    # A throwaway password: the keyring lives in this session's temp folder.
    printf '%s' "wayin-test-session" |
        gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null &
    keyring=$!
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; do
        tries=$((tries + 1))
        if ! kill -0 "$keyring" 2>/dev/null || [ "$tries" -ge 100 ]; then
            echo "session: the Secret Service (gnome-keyring) did not start" >&2
            exit 1
        fi
        sleep 0.1
    done
    "$@"
    status=$?
    kill "$keyring" 2>/dev/null
    wait "$keyring" 2>/dev/null
    exit "$status"
fi

display="$1"
shift
here=$(dirname "$0")

# xtask keeps our stdin open for as long as it lives. When it goes (even on
# Ctrl-C) the pipe closes and this watcher ends the whole process group.
exec 3<&0 </dev/null
(cat <&3 >/dev/null; kill -TERM 0) >/dev/null 2>&1 &
exec 3<&-

# -displayfd: Xvfb writes the display number there once it accepts clients.
ready="$here/display-ready"
: >"$ready"
Xvfb ":$display" -nolisten tcp -screen 0 1280x1024x24 -displayfd 4 4>"$ready" >/dev/null 2>&1 &
xvfb=$!
tries=0
until [ -s "$ready" ]; do
    if ! kill -0 "$xvfb" 2>/dev/null; then
        exit 75
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 200 ]; then
        echo "session: Xvfb did not start on :$display" >&2
        exit 1
    fi
    sleep 0.05
done
DISPLAY=":$display"
export DISPLAY

dbus-run-session -- sh "$0" --with-secret-service "$@"
status=$?
kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
exit "$status"
