"""Paperwire's stand-in for the huggingface_hub paper client, used by HfClientTests.

Usage: hf_client.py BASE_URL daily|info|search|get ARG
  daily   GET BASE_URL/api/daily_papers?ARG    (as list_daily_papers asks)
  info    GET BASE_URL/api/papers/ARG          (as paper_info asks)
  search  GET BASE_URL/api/papers/search?ARG   (as list_papers asks)
  get     GET BASE_URL + ARG                   (any address, to check error answers)
prints one JSON object: {"papers": [...]} with each paper as the client would hold it, or
{"error": {"status", "message", "server_message"}} for an answer of 400 or more. It exits non-zero, with the reason
on stderr, wherever the real client would raise while reading a successful answer.

This file is our own code. It does not import or reproduce huggingface_hub; it checks Paperwire's answers against a
written-down specification of what that client reads, taken from huggingface_hub 1.29.0.dev0, commit
ee0a4510f4bc15e26cb722be2efc2bdb01383ca0 (src/huggingface_hub/hf_api.py: the PaperInfo, PaperAuthor, User and
Organization classes; utils/_datetime.py: its timestamp parser; utils/_http.py: its error messages).

SPECIFICATION (huggingface_hub 1.29 as checked at that commit)

Objects. The client turns each JSON object into a Python object whose attributes are listed in the tables below
(KINDS). For every attribute the table names the JSON member(s) it comes from, the type the client declares, and
the value it gets when the member is absent.
  * No member is required: a missing one never raises, it just takes the default.
  * What does raise: a timestamp that is not in the Hub's form (below); a nested object (`paper`, `user`,
    `submittedBy`, `organization`, ...) that is not a JSON object; a list of objects (`authors`, `orgs`) holding
    something else; `orgs: null` (the client iterates it unconditionally); and, in this harness, any entry in
    `linkedModels`/`linkedDatasets`/`linkedSpaces`, since Paperwire links no Hub repositories and sends `[]`.
  * The client does not check scalar types. We do, against its declared types (null always allowed), so that
    Paperwire never hands a client user a string where it promises a number.
  * Nested objects and timestamps are only converted when the member is truthy: null, "", 0, {} and [] all read
    as None (so an empty `authors` list becomes None, but an empty `linkedModels` list stays a list).
  * Each member is consumed when read. Members the client does not know are kept, under their JSON names, as extra
    attributes (so newer server fields still reach the user): e.g. a submitter's `isHf`, `isMod`, `followerCount`, a paper's
    `feedDate` or `mediaUrls`. They are applied after the named attributes, so an unread member that happens to
    share an attribute's name replaces it.

Fallbacks on a paper. A paper arrives either flat (paper_info) or as a list item with the paper itself under
`paper` (daily papers, search). Some attributes look in two places, "X, else Y": Y is read only when X is missing or
falsy, and then Y's value is used as it is (even null). Order matters, because both `published_at` and
`submitted_at` may read the top-level `publishedAt`, and published_at is read first:
  * list item: published_at <- paper.publishedAt (arXiv date); submitted_at <- top-level publishedAt.
  * flat paper: published_at <- publishedAt; submitted_at <- submittedOnDailyAt (publishedAt is already used up).
Members of `paper` that are not read are dropped; only top-level leftovers become extra attributes.

Users. A user object's `user` member is the username (`name` is not read and stays an extra attribute); `type`
becomes user_type; `avatarUrl` becomes avatar_url; `orgs` is a list of organizations.

Timestamps: "YYYY-MM-DDTHH:MM:SSZ", optionally with a fraction after the seconds ("...:SS.fffZ"), always UTC with a
literal "Z". The fraction is cut or padded to microseconds. An offset such as "+00:00", a missing "Z" or a date
alone raises. (The client's strptime would also tolerate unpadded fields such as "2025-4-8"; we require the padded
form the Hub sends.)

Errors. For an answer of 400 or more the client raises with a message built from a lead line and the server's
reasons:
  reasons, in this order: the `X-Error-Message` header; then from a JSON body: `error` (a list adds each entry; a
  string adds itself, or "error: error_description" when `error_description` is also there), else
  `error_description` alone; then each item of `errors` in which "message" occurs (`item["message"]`). Note that
  iterating an `errors` object yields its keys, and a key containing "message" makes the client crash. A body that
  is not JSON adds its text unless the Content-Type says HTML. Each reason is stripped, empty ones dropped,
  repeats dropped (first kept); they are joined with newlines: the server message.
  lead: "\n\nBad request:" for 400; for other statuses the client's lead names the status (httpx's own wording for
  most); this harness writes "<status> Client Error.".
  message: the lead, plus the server message unless the lead already contains it (ignoring case), after one
  newline if the lead already has a blank line, else after two; then stripped.
"""

import json
import re
import sys
import urllib.error
import urllib.request
from datetime import datetime, timezone


class ClientWouldRaise(Exception):
    """The real client would raise an exception on this input."""


# ---- value readers ------------------------------------------------------------------------------------------------

def scalar(*types):
    def read(value, where):
        if value is None:
            return None
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            raise ClientWouldRaise(f"{where}: expected {'/'.join(t.__name__ for t in types)}, got {value!r}")
        return value
    return read


STR, INT, BOOL = scalar(str), scalar(int), scalar(bool)


def str_list(value, where):
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ClientWouldRaise(f"{where}: expected a list of strings, got {value!r}")
    return value


HUB_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d*))?Z")


def timestamp(value, where):
    if not value:
        return None
    match = HUB_TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ClientWouldRaise(f"{where}: {value!r} is not a Hub timestamp (YYYY-MM-DDTHH:MM:SS[.fraction]Z)")
    year, month, day, hour, minute, second, fraction = match.groups()
    micros = int((fraction or "")[:6].ljust(6, "0"))
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micros, timezone.utc)
    except ValueError as e:
        raise ClientWouldRaise(f"{where}: {value!r}: {e}") from None


def one(kind_name):
    """A nested object, read only when truthy."""
    def read(value, where):
        return read_object(kind_name, value, where) if value else None
    return read


def many(kind_name, if_null):
    """A list of objects. if_null: "none" (falsy -> None), "raise" (null raises, absent -> [])."""
    def read(value, where):
        if if_null == "none" and not value:
            return None
        if not isinstance(value, list):
            raise ClientWouldRaise(f"{where}: expected a list of {kind_name} objects, got {value!r}")
        return [read_object(kind_name, item, f"{where}[{i}]") for i, item in enumerate(value)]
    return read


def repositories(value, where):
    if value is None:
        return None
    if not isinstance(value, list):
        raise ClientWouldRaise(f"{where}: expected a list, got {value!r}")
    if value:
        raise ClientWouldRaise(f"{where}: Paperwire links no Hub repositories, yet sent {value!r}")
    return []


# ---- the object kinds: (attribute, JSON member(s), reader, default when absent) ------------------------------------
# A member is "name" (top level) or "paper.name" (inside the list item's `paper`). Two members mean "X, else Y"
# as described above; the default then is None. Rows are read in order.

_COUNTS = [(f"num_{n}", "num" + n.title(), INT, None) for n in ("models", "datasets", "spaces")]

KINDS = {
    "Organization": [
        ("avatar_url", "avatarUrl", STR, ""),
        ("name", "name", STR, ""),
        ("fullname", "fullname", STR, ""),
        ("details", "details", STR, None),
        ("is_verified", "isVerified", BOOL, None),
        ("is_following", "isFollowing", BOOL, None),
        ("num_users", "numUsers", INT, None),
        *_COUNTS,
        ("num_followers", "numFollowers", INT, None),
        ("num_papers", "numPapers", INT, None),
        ("plan", "plan", STR, None),
    ],
    "User": [
        ("username", "user", STR, ""),
        ("fullname", "fullname", STR, ""),
        ("avatar_url", "avatarUrl", STR, ""),
        ("is_following", "isFollowing", BOOL, None),
        ("is_pro", "isPro", BOOL, None),
        ("details", "details", STR, None),
        *_COUNTS,
        ("num_discussions", "numDiscussions", INT, None),
        ("num_papers", "numPapers", INT, None),
        ("num_upvotes", "numUpvotes", INT, None),
        ("num_likes", "numLikes", INT, None),
        ("num_following", "numFollowing", INT, None),
        ("num_followers", "numFollowers", INT, None),
        ("user_type", "type", STR, None),
        ("orgs", "orgs", many("Organization", if_null="raise"), []),
    ],
    "PaperAuthor": [
        ("name", "name", STR, ""),
        ("user", "user", one("User"), None),
        ("status", "status", STR, None),
        ("status_last_changed_at", "statusLastChangedAt", timestamp, None),
        ("hidden", "hidden", BOOL, None),
    ],
    "PaperInfo": [
        ("id", ("id", "paper.id"), STR, None),
        ("authors", ("paper.authors", "authors"), many("PaperAuthor", if_null="none"), None),
        ("published_at", ("paper.publishedAt", "publishedAt"), timestamp, None),
        ("title", "title", STR, None),
        ("source", "source", STR, None),
        ("summary", ("paper.summary", "summary"), STR, None),
        ("upvotes", ("paper.upvotes", "upvotes"), INT, None),
        ("discussion_id", ("paper.discussionId", "discussionId"), STR, None),
        ("comments", "numComments", INT, 0),
        ("submitted_at", ("publishedAt", "submittedOnDailyAt"), timestamp, None),
        ("submitted_by", ("submittedBy", "submittedOnDailyBy"), one("User"), None),
        ("ai_summary", "ai_summary", STR, None),
        ("ai_keywords", "ai_keywords", str_list, None),
        ("organization", "organization", one("Organization"), None),
        ("project_page", "projectPage", STR, None),
        ("github_repo", "githubRepo", STR, None),
        ("github_stars", "githubStars", INT, None),
        ("linked_models", "linkedModels", repositories, None),
        ("num_total_models", "numTotalModels", INT, None),
        ("linked_datasets", "linkedDatasets", repositories, None),
        ("num_total_datasets", "numTotalDatasets", INT, None),
        ("linked_spaces", "linkedSpaces", repositories, None),
    ],
}


def read_object(kind_name, data, where):
    if not isinstance(data, dict):
        raise ClientWouldRaise(f"{where}: expected a {kind_name} object, got {data!r}")
    top = dict(data)
    nested = top.pop("paper", {}) if kind_name == "PaperInfo" else {}
    if not isinstance(nested, dict):
        raise ClientWouldRaise(f"{where}.paper: expected an object, got {nested!r}")
    nested = dict(nested)

    def take(member, default):
        scope, key = (nested, member[6:]) if member.startswith("paper.") else (top, member)
        return scope.pop(key, default)

    result = {}
    for attribute, members, reader, default in KINDS[kind_name]:
        if isinstance(members, str):
            raw = take(members, default)
        else:  # "X, else Y": stop at the first truthy value, else keep the last one read
            for member in members:
                raw = take(member, None)
                if raw:
                    break
        result[attribute] = reader(raw, f"{where}.{attribute}")
    result.update(top)  # what was not read stays, under its JSON name
    return result


# ---- error answers -------------------------------------------------------------------------------------------------

def server_message(headers, text):
    reasons = []
    if headers.get("X-Error-Message") is not None:
        reasons.append(headers.get("X-Error-Message"))
    try:
        body = json.loads(text)
    except ValueError:
        if text and "html" not in headers.get("Content-Type", "").lower():
            reasons.append(text)
    else:
        if not isinstance(body, dict):
            raise ClientWouldRaise(f"error body is JSON but not an object: {text!r}")
        error, description = body.get("error"), body.get("error_description")
        if isinstance(error, list):
            reasons += error
        elif error is not None:
            reasons.append(error if description is None else f"{error}: {description}")
        elif description is not None:
            reasons.append(description)
        errors = body.get("errors")
        for item in errors if errors is not None else []:
            if "message" in item:
                if not isinstance(item, dict):
                    raise ClientWouldRaise(f"`errors` holds {item!r}, which contains 'message' but is no object")
                reasons.append(item["message"])
    unique = []
    for reason in (str(r).strip() for r in reasons):
        if reason and reason not in unique:
            unique.append(reason)
    return "\n".join(unique)


def error_message(status, reason):
    lead = "\n\nBad request:" if status == 400 else f"{status} Client Error."
    if reason and reason.lower() not in lead.lower():
        lead += ("\n" if "\n\n" in lead else "\n\n") + reason
    return lead.strip()


# ---- transport and output ------------------------------------------------------------------------------------------

def fetch(url):
    try:
        with urllib.request.urlopen(url) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def run(base, op, arg):
    url = {
        "daily": f"{base}/api/daily_papers?{arg}",
        "info": f"{base}/api/papers/{arg}",
        "search": f"{base}/api/papers/search?{arg}",
        "get": f"{base}{arg}",
    }[op]
    status, headers, text = fetch(url)
    if status >= 400:
        reason = server_message(headers, text)
        return {"error": {"status": status, "message": error_message(status, reason), "server_message": reason}}
    body = json.loads(text)
    if op == "info":
        papers = [read_object("PaperInfo", body, "paper")]
    elif isinstance(body, list):
        papers = [read_object("PaperInfo", item, f"papers[{i}]") for i, item in enumerate(body)]
    else:
        raise ClientWouldRaise(f"expected a JSON list of papers, got {text[:200]!r}")
    return {"papers": plain(papers)}


if __name__ == "__main__":
    print(json.dumps(run(*sys.argv[1:4]), ensure_ascii=False))
