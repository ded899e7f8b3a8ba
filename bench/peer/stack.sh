# Sourced by bench/run: starts the stack Sluice replaces, as the seed deployment guides describe it, on loopback
# ports of its own: nginx → gunicorn (the Flask app of web.py, 2 sync workers) → Celery (prefork, concurrency 2,
# acks_late and prefetch multiplier 1, or Celery's defaults) with Redis as broker and result backend. Every
# program runs in the foreground of its own PID, which peer_launch appends to the array `running` (bench/run
# stops them by PID).
#
# Where a setting is a choice, the peer gets the faster one, and RESULTS.md says so: Redis keeps nothing on disk,
# nginx writes no access log, Celery runs without mingle, gossip and heartbeat (useless on one node; mingle alone
# waits about a second at start).

peer_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# peer_launch DIR HTTP_PORT REDIS_PORT PYTHON PROFILE: the job `python` spawns PYTHON -c pass, as Sluice's
# exec-python does; PROFILE is long-jobs or defaults (see peerjobs.py)
peer_launch() {
    local dir=$1 port=$2 redis_port=$3 python=$4 profile=$5
    mkdir -p "$dir/nginx-temp"
    cat > "$dir/nginx.conf" <<NGINX
user $(id -un);
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx-temp/body;
    proxy_temp_path $dir/nginx-temp/proxy;
    fastcgi_temp_path $dir/nginx-temp/fastcgi;
    uwsgi_temp_path $dir/nginx-temp/uwsgi;
    scgi_temp_path $dir/nginx-temp/scgi;
    keepalive_requests 100000;
    upstream flask { server unix:$dir/gunicorn.sock; }
    server {
        listen 127.0.0.1:$port;
        location / {
            proxy_pass http://flask;
            proxy_set_header Host \$host;
        }
    }
}
NGINX
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
        --logfile "$dir/redis.log" --loglevel warning --daemonize no &
    running+=($!)
    # why: a service manager starts the broker before its clients; Celery would otherwise back off for 2 s
    local tries=0
    until (: > "/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 2000 ] || { echo "bench: redis did not listen on port $redis_port within 10 s" >&2; return 1; }
        sleep 0.005
    done
    export PEER_REDIS_URL="redis://127.0.0.1:$redis_port/0" PEER_PYTHON="$python" PEER_CELERY_PROFILE="$profile"
    (cd "$peer_here" && exec /usr/bin/python3 -m celery -A peerjobs worker --pool prefork --concurrency 2 \
        --loglevel WARNING --without-mingle --without-gossip --without-heartbeat > "$dir/celery.log" 2>&1) &
    running+=($!)
    /usr/bin/gunicorn --workers 2 --worker-class sync --bind "unix:$dir/gunicorn.sock" --chdir "$peer_here" \
        --log-level warning web:app > "$dir/gunicorn.log" 2>&1 &
    running+=($!)
    nginx -e "$dir/nginx-error.log" -c "$dir/nginx.conf" -g 'daemon off;' &
    running+=($!)
    unset PEER_REDIS_URL PEER_PYTHON PEER_CELERY_PROFILE
}

# The versions of the peer's programs, one "name version" a line.
peer_versions() {
    echo "nginx $(nginx -v 2>&1 | sed 's|.*/||')"
    echo "gunicorn $(/usr/bin/gunicorn --version 2>&1 | sed 's/[^0-9.]//g')"
    /usr/bin/python3 -c 'import sys, flask, celery, kombu, redis
print("python", sys.version.split()[0]); print("flask", flask.__version__); print("celery", celery.__version__)
print("kombu", kombu.__version__); print("redis-py", redis.__version__)' 2>/dev/null
    echo "redis-server $(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/')"
}
