#!/bin/sh
# Translates toxiproxy-server's flags into `faultline proxy` options and execs it as PID 1 (SIGTERM
# closes every listener and connection). Unknown flags are an error, not silently ignored.
set -eu
host=0.0.0.0
port=8474
set -- "$@" --end
while [ "$1" != "--end" ]; do
  arg="$1"
  shift
  case "$arg" in
    -host=* | --host=*) host="${arg#*=}" ;;
    -port=* | --port=*) port="${arg#*=}" ;;
    -config=* | --config=*) set -- "$@" --config "${arg#*=}" ;;
    -seed=* | --seed=*) set -- "$@" --seed "${arg#*=}" ;;
    *) echo "toxiproxy-entrypoint: unsupported flag $arg (supported: -host= -port= -config= -seed=)" >&2; exit 2 ;;
  esac
done
shift
exec node /opt/faultline/harness/bin/faultline.js proxy --host "$host" --port "$port" "$@"
