# How huggingface_hub reads Paperwire: the paper dataclasses and the error formatting of huggingface_hub, copied
# verbatim (docstrings left out) from https://github.com/huggingface/huggingface_hub at commit
# ee0a4510f4bc15e26cb722be2efc2bdb01383ca0 (version 1.29.0.dev0, 2026-08-20): src/huggingface_hub/hf_api.py
# (Organization, User, PaperAuthor, PaperInfo, and the requests of list_daily_papers, paper_info, list_papers),
# src/huggingface_hub/utils/_datetime.py (parse_datetime) and src/huggingface_hub/utils/_http.py (the 400/404 branches
# of hf_raise_for_status and _format). Copyright the HuggingFace Inc. team, Apache License 2.0
# (http://www.apache.org/licenses/LICENSE-2.0). Only the transport differs: urllib instead of httpx, which is not
# installable where the tests run.
#
# Usage: hf_client.py BASE_URL daily|info|search|get ARG  ->  JSON on stdout: {"papers": [...]} or {"error": {...}}
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone


# ---- src/huggingface_hub/utils/_datetime.py ------------------------------------------------------------------------
def parse_datetime(date_string: str) -> datetime:
    try:
        # Normalize the string to always have 6 digits of fractional seconds
        if date_string.endswith("Z"):
            # Case 1: No decimal point (e.g., "2024-11-16T00:27:02Z")
            if "." not in date_string:
                # No fractional seconds - insert .000000
                date_string = date_string[:-1] + ".000000Z"
            # Case 2: Has decimal point (e.g., "2022-08-19T07:19:38.123456789Z")
            else:
                # Get the fractional and base parts
                base, fraction = date_string[:-1].split(".")
                # fraction[:6] takes first 6 digits and :0<6 pads with zeros if less than 6 digits
                date_string = f"{base}.{fraction[:6]:0<6}Z"

        return datetime.strptime(date_string, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    except ValueError as e:
        raise ValueError(
            f"Cannot parse '{date_string}' as a datetime. Date string is expected to"
            " follow '%Y-%m-%dT%H:%M:%S.%fZ' pattern."
        ) from e


# ---- src/huggingface_hub/hf_api.py ---------------------------------------------------------------------------------
class _Repo:
    # Stands in for ModelInfo, DatasetInfo and SpaceInfo; Paperwire links no repositories, so none is ever built.
    def __init__(self, **kwargs) -> None:
        raise AssertionError(f"a linked repository was sent: {kwargs}")


ModelInfo = DatasetInfo = SpaceInfo = _Repo


@dataclass
class Organization:
    avatar_url: str
    name: str
    fullname: str
    details: str | None = None
    is_verified: bool | None = None
    is_following: bool | None = None
    num_users: int | None = None
    num_models: int | None = None
    num_spaces: int | None = None
    num_datasets: int | None = None
    num_followers: int | None = None
    num_papers: int | None = None
    plan: str | None = None

    def __init__(self, **kwargs) -> None:
        self.avatar_url = kwargs.pop("avatarUrl", "")
        self.name = kwargs.pop("name", "")
        self.fullname = kwargs.pop("fullname", "")
        self.details = kwargs.pop("details", None)
        self.is_verified = kwargs.pop("isVerified", None)
        self.is_following = kwargs.pop("isFollowing", None)
        self.num_users = kwargs.pop("numUsers", None)
        self.num_models = kwargs.pop("numModels", None)
        self.num_spaces = kwargs.pop("numSpaces", None)
        self.num_datasets = kwargs.pop("numDatasets", None)
        self.num_followers = kwargs.pop("numFollowers", None)
        self.num_papers = kwargs.pop("numPapers", None)
        self.plan = kwargs.pop("plan", None)

        # forward compatibility
        self.__dict__.update(**kwargs)


@dataclass
class User:
    # Metadata
    username: str
    fullname: str
    avatar_url: str
    details: str | None = None
    is_following: bool | None = None
    is_pro: bool | None = None
    num_models: int | None = None
    num_datasets: int | None = None
    num_spaces: int | None = None
    num_discussions: int | None = None
    num_papers: int | None = None
    num_upvotes: int | None = None
    num_likes: int | None = None
    num_following: int | None = None
    num_followers: int | None = None
    orgs: list[Organization] = field(default_factory=list)

    def __init__(self, **kwargs) -> None:
        self.username = kwargs.pop("user", "")
        self.fullname = kwargs.pop("fullname", "")
        self.avatar_url = kwargs.pop("avatarUrl", "")
        self.is_following = kwargs.pop("isFollowing", None)
        self.is_pro = kwargs.pop("isPro", None)
        self.details = kwargs.pop("details", None)
        self.num_models = kwargs.pop("numModels", None)
        self.num_datasets = kwargs.pop("numDatasets", None)
        self.num_spaces = kwargs.pop("numSpaces", None)
        self.num_discussions = kwargs.pop("numDiscussions", None)
        self.num_papers = kwargs.pop("numPapers", None)
        self.num_upvotes = kwargs.pop("numUpvotes", None)
        self.num_likes = kwargs.pop("numLikes", None)
        self.num_following = kwargs.pop("numFollowing", None)
        self.num_followers = kwargs.pop("numFollowers", None)
        self.user_type = kwargs.pop("type", None)
        self.orgs = [Organization(**org) for org in kwargs.pop("orgs", [])]

        # forward compatibility
        self.__dict__.update(**kwargs)


@dataclass
class PaperAuthor:
    name: str
    user: User | None
    status: str | None
    status_last_changed_at: datetime | None
    hidden: bool | None

    def __init__(self, **kwargs) -> None:
        self.name = kwargs.pop("name", "")
        user = kwargs.pop("user", None)
        self.user = User(**user) if user else None
        self.status = kwargs.pop("status", None)
        status_last_changed_at = kwargs.pop("statusLastChangedAt", None)
        self.status_last_changed_at = parse_datetime(status_last_changed_at) if status_last_changed_at else None
        self.hidden = kwargs.pop("hidden", None)

        self.__dict__.update(**kwargs)


@dataclass
class PaperInfo:
    id: str
    authors: list[PaperAuthor] | None
    published_at: datetime | None
    title: str | None
    summary: str | None
    upvotes: int | None
    discussion_id: str | None
    source: str | None
    comments: int | None
    submitted_at: datetime | None
    submitted_by: User | None
    ai_summary: str | None
    ai_keywords: list[str] | None
    organization: Organization | None
    project_page: str | None
    github_repo: str | None
    github_stars: int | None
    linked_models: list[ModelInfo] | None
    num_total_models: int | None
    linked_datasets: list[DatasetInfo] | None
    num_total_datasets: int | None
    linked_spaces: list[SpaceInfo] | None

    def __init__(self, **kwargs) -> None:
        paper = kwargs.pop("paper", {})
        self.id = kwargs.pop("id", None) or paper.pop("id", None)
        authors = paper.pop("authors", None) or kwargs.pop("authors", None)
        self.authors = [PaperAuthor(**author) for author in authors] if authors else None
        published_at = paper.pop("publishedAt", None) or kwargs.pop("publishedAt", None)
        self.published_at = parse_datetime(published_at) if published_at else None
        self.title = kwargs.pop("title", None)
        self.source = kwargs.pop("source", None)
        self.summary = paper.pop("summary", None) or kwargs.pop("summary", None)
        self.upvotes = paper.pop("upvotes", None) or kwargs.pop("upvotes", None)
        self.discussion_id = paper.pop("discussionId", None) or kwargs.pop("discussionId", None)
        self.comments = kwargs.pop("numComments", 0)
        submitted_at = kwargs.pop("publishedAt", None) or kwargs.pop("submittedOnDailyAt", None)
        self.submitted_at = parse_datetime(submitted_at) if submitted_at else None
        submitted_by = kwargs.pop("submittedBy", None) or kwargs.pop("submittedOnDailyBy", None)
        self.submitted_by = User(**submitted_by) if submitted_by else None
        self.ai_summary = kwargs.pop("ai_summary", None)
        self.ai_keywords = kwargs.pop("ai_keywords", None)
        organization = kwargs.pop("organization", None)
        self.organization = Organization(**organization) if organization else None
        self.project_page = kwargs.pop("projectPage", None)
        self.github_repo = kwargs.pop("githubRepo", None)
        self.github_stars = kwargs.pop("githubStars", None)
        linked_models = kwargs.pop("linkedModels", None)
        self.linked_models = [ModelInfo(**m) for m in linked_models] if linked_models is not None else None
        self.num_total_models = kwargs.pop("numTotalModels", None)
        linked_datasets = kwargs.pop("linkedDatasets", None)
        self.linked_datasets = [DatasetInfo(**d) for d in linked_datasets] if linked_datasets is not None else None
        self.num_total_datasets = kwargs.pop("numTotalDatasets", None)
        linked_spaces = kwargs.pop("linkedSpaces", None)
        self.linked_spaces = [SpaceInfo(**s) for s in linked_spaces] if linked_spaces is not None else None

        # forward compatibility
        self.__dict__.update(**kwargs)


# ---- src/huggingface_hub/utils/_http.py ----------------------------------------------------------------------------
class _Response:
    # The parts of httpx.Response that _format reads.
    def __init__(self, status_code, headers, body):
        self.status_code = status_code
        self.headers = headers  # email.message.Message: case-insensitive get(), like httpx.Headers
        self.text = body.decode("utf-8")

    def json(self):
        return json.loads(self.text)


def _format(custom_message: str, response: _Response):
    server_errors = []

    # Retrieve server error from header
    from_headers = response.headers.get("X-Error-Message")
    if from_headers is not None:
        server_errors.append(from_headers)

    # Retrieve server error from body
    try:
        # Case errors are returned in a JSON format
        data = response.json()

        error = data.get("error")
        error_description = data.get("error_description")
        if error is not None:
            if isinstance(error, list):
                # Case {'error': ['my error 1', 'my error 2']}
                server_errors.extend(error)
            elif error_description is not None:
                # OAuth-style case {'error': 'invalid_grant', 'error_description': 'my description'}
                server_errors.append(f"{error}: {error_description}")
            else:
                # Case {'error': 'my error'}
                server_errors.append(error)
        elif error_description is not None:
            # Case {'error_description': 'my description'} (no 'error' field)
            server_errors.append(error_description)

        errors = data.get("errors")
        if errors is not None:
            # Case {'errors': [{'message': 'my error 1'}, {'message': 'my error 2'}]}
            for error in errors:
                if "message" in error:
                    server_errors.append(error["message"])

    except json.JSONDecodeError:
        # If content is not JSON and not HTML, append the text
        content_type = response.headers.get("Content-Type", "")
        if response.text and "html" not in content_type.lower():
            server_errors.append(response.text)

    # Strip all server messages
    server_errors = [str(line).strip() for line in server_errors if str(line).strip()]

    # Deduplicate server messages (keep order)
    # taken from https://stackoverflow.com/a/17016257
    server_errors = list(dict.fromkeys(server_errors))

    # Format server error
    server_message = "\n".join(server_errors)

    # Add server error to custom message
    final_error_message = custom_message
    if server_message and server_message.lower() not in custom_message.lower():
        if "\n\n" in custom_message:
            final_error_message += "\n" + server_message
        else:
            final_error_message += "\n\n" + server_message
    return final_error_message.strip(), server_message


def hf_raise_for_status(response: _Response) -> None:
    if response.status_code == 400:
        message = "\n\nBad request:"
    else:
        message = f"{response.status_code} Client Error."
    raise RuntimeError(_format(message, response))


# ---- the requests of list_daily_papers, paper_info and list_papers -------------------------------------------------
def get(url):
    try:
        with urllib.request.urlopen(url) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def dump(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [dump(v) for v in value]
    if hasattr(value, "__dict__"):
        return {k: dump(v) for k, v in vars(value).items()}
    return value


def main(base, op, arg):
    url = {
        "daily": f"{base}/api/daily_papers?{arg}",
        "info": f"{base}/api/papers/{arg}",
        "search": f"{base}/api/papers/search?{arg}",
        "get": f"{base}{arg}",
    }[op]
    status, headers, body = get(url)
    if status >= 400:
        try:
            hf_raise_for_status(_Response(status, headers, body))
        except RuntimeError as e:
            message, server_message = e.args[0]
            return {"error": {"status": status, "message": message, "server_message": server_message}}
    data = json.loads(body)
    papers = [PaperInfo(**data)] if op == "info" else [PaperInfo(**item) for item in data]
    return {"papers": dump(papers)}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4]), ensure_ascii=False))
