"""Account-enumeration timing benchmark (issue 11, finding 3).

Times the account forms against a running Paperwire and prints, per form, the median answer time for an
address or name that has an account and for one that has not, and their difference. An attacker with a
stopwatch learns who is registered when the difference is larger than the noise; the target is a median
difference of at most a few milliseconds.

Every POST comes from its own X-Forwarded-For address (Paperwire believes a proxy on loopback), so the
per-IP limit on account forms does not throttle the benchmark. Standard library only.

Usage: account_timing.py BASE_URL KNOWN_USERS_FILE SAMPLES
KNOWN_USERS_FILE: one "name email" per line, confirmed accounts whose password is not "wrong ...".
"""
import http.cookiejar
import random
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
counter = 0


def client():
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def next_ip():
    global counter
    counter += 1
    return f"10.{(counter >> 16) & 255}.{(counter >> 8) & 255}.{counter & 255}"


def timed_post(base, path, fields):
    """GETs the form (antiforgery token and cookie), then times only the POST."""
    opener = client()
    ip = next_ip()
    page = opener.open(urllib.request.Request(base + path, headers={"X-Forwarded-For": ip})).read().decode()
    fields = dict(fields, __RequestVerificationToken=TOKEN.search(page).group(1))
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(fields).encode(), headers={"X-Forwarded-For": ip})
    started = time.perf_counter()
    try:
        with opener.open(request) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    elapsed = (time.perf_counter() - started) * 1000
    if status not in (200, 302):
        raise SystemExit(f"POST {path} answered {status}")
    return elapsed


def compare(title, known, unknown):
    k, u = statistics.median(known), statistics.median(unknown)
    print(f"| {title} | {len(known)} | {k:.1f} | {u:.1f} | {k - u:+.1f} |")
    return abs(k - u)


def main():
    base, users_file, samples = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
    users = [line.split() for line in open(users_file) if line.strip()]
    for _ in range(20):  # warm up: JIT, connection pools, the password hasher
        timed_post(base, "/account/signin", {"Form.Login": "warmup", "Form.Password": "warm up password"})

    signin_known, signin_unknown, signup_taken, signup_new, reset_known, reset_unknown = ([] for _ in range(6))
    shuffle = random.Random(20261204)
    for i in range(samples):
        name, email = users[i % len(users)]
        steps = [
            (signin_known, "/account/signin", {"Form.Login": name, "Form.Password": f"wrong password {i}"}),
            (signin_unknown, "/account/signin", {"Form.Login": f"nobody{i}", "Form.Password": f"wrong password {i}"}),
            (signup_taken, "/account/signup", {"Form.UserName": f"taken{i}", "Form.Email": email, "Form.Password": "a long enough password"}),
            (signup_new, "/account/signup", {"Form.UserName": f"fresh{i}", "Form.Email": f"fresh{i}@example.org", "Form.Password": "a long enough password"}),
            (reset_known, "/account/forgot-password", {"Email": email}),
            (reset_unknown, "/account/forgot-password", {"Email": f"nobody{i}@example.org"}),
        ]
        # Interleaved and in a shuffled order, so neither drift in the machine's load nor whatever one request
        # leaves behind (a WAL checkpoint, a collection) always falls on the same side.
        shuffle.shuffle(steps)
        for samples_of, path, fields in steps:
            samples_of.append(timed_post(base, path, fields))

    print("| form | samples each | median, account exists (ms) | median, no account (ms) | difference (ms) |")
    print("|---|---|---|---|---|")
    worst = max(
        compare("sign-in, wrong password", signin_known, signin_unknown),
        compare("sign-up", signup_taken, signup_new),
        compare("forgot password", reset_known, reset_unknown))
    print(f"largest median difference: {worst:.1f} ms")


if __name__ == "__main__":
    main()
